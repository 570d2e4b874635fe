import type { Construct } from 'constructs';
import { DataObject, isUtf8Text, type DataObjectProps } from './data-object.js';

/**
 * A ConfigMap built like `kubectl create configmap`: from literals, from files, or both.
 *
 * ```ts
 * const config = ConfigMap.fromLiterals(chart, 'config', { LOG_LEVEL: 'info' });
 * ConfigMap.fromFiles(chart, 'game', ['game.properties', 'ui.properties']);
 * ```
 */
export class ConfigMap extends DataObject {
  /** `kubectl create configmap NAME --from-literal=k=v...` */
  static fromLiterals(scope: Construct, id: string, data: Record<string, string>, props: DataObjectProps = {}): ConfigMap {
    const configMap = new ConfigMap(scope, id, props);
    for (const [key, value] of Object.entries(data)) configMap.addData(key, value);
    return configMap;
  }

  /** `kubectl create configmap NAME --from-file=path...` (paths relative to the calling file). */
  static fromFiles(scope: Construct, id: string, paths: string[], props: DataObjectProps = {}): ConfigMap {
    const configMap = new ConfigMap(scope, id, props);
    for (const path of paths) configMap.addFile(path);
    return configMap;
  }

  constructor(scope: Construct, id: string, props: DataObjectProps = {}) {
    super(scope, id, props);
  }

  protected kindName(): 'ConfigMap' {
    return 'ConfigMap';
  }

  protected body(entries: Map<string, Buffer>): Record<string, unknown> {
    const data: Record<string, string> = {};
    const binaryData: Record<string, string> = {};
    for (const [key, bytes] of entries) {
      if (isUtf8Text(bytes)) data[key] = bytes.toString('utf8');
      else binaryData[key] = bytes.toString('base64');
    }
    return { ...(Object.keys(data).length ? { data } : {}), ...(Object.keys(binaryData).length ? { binaryData } : {}) };
  }
}
