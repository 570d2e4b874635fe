import type { HostPathVolumeSource, Volume as VolumeSpec } from '../k8s/core-v1.js';
import { nameOf, type NamedRef } from './env-value.js';

/**
 * A pod volume: `Volume.fromConfigMap(config)`, `Volume.fromSecret(secret)`,
 * `Volume.fromEmptyDir('cache')`, `Volume.fromPersistentVolumeClaim('data')`,
 * `Volume.fromHostPath('logs', '/var/log')`. The volume's name defaults to the source's name.
 */
export class Volume {
  static fromConfigMap(configMap: NamedRef | string, options: { name?: string; items?: Record<string, string>; defaultMode?: number } = {}): Volume {
    const name = nameOf(configMap);
    return new Volume({ name: options.name ?? name, configMap: { name, ...items(options.items), ...(options.defaultMode !== undefined ? { defaultMode: options.defaultMode } : {}) } });
  }

  static fromSecret(secret: NamedRef | string, options: { name?: string; items?: Record<string, string>; defaultMode?: number } = {}): Volume {
    const secretName = nameOf(secret);
    return new Volume({ name: options.name ?? secretName, secret: { secretName, ...items(options.items), ...(options.defaultMode !== undefined ? { defaultMode: options.defaultMode } : {}) } });
  }

  /** @default disk-backed; `medium: 'Memory'` for tmpfs */
  static fromEmptyDir(name: string, options: { medium?: 'Memory'; sizeLimit?: string } = {}): Volume {
    return new Volume({ name, emptyDir: { ...options } });
  }

  static fromPersistentVolumeClaim(claim: NamedRef | string, options: { name?: string; readOnly?: boolean } = {}): Volume {
    const claimName = nameOf(claim);
    return new Volume({ name: options.name ?? claimName, persistentVolumeClaim: { claimName, ...(options.readOnly ? { readOnly: true } : {}) } });
  }

  /** @default type "" (no check of what exists at the path) */
  static fromHostPath(name: string, path: string, type?: HostPathVolumeSource['type']): Volume {
    return new Volume({ name, hostPath: { path, ...(type ? { type } : {}) } });
  }

  private constructor(private readonly spec: VolumeSpec) {}

  get name(): string {
    return this.spec.name;
  }

  toSpec(): VolumeSpec {
    return this.spec;
  }
}

/** `items: [{ key, path }]` from `{ key: path }`: mount only these keys, under these file names. */
function items(map: Record<string, string> | undefined): { items?: { key: string; path: string }[] } {
  return map ? { items: Object.entries(map).map(([key, path]) => ({ key, path })) } : {};
}
