import { Construct } from 'constructs';
import { ApiObject } from './api-object.js';
import { Yaml } from './yaml.js';

export interface IncludeProps {
  /** A YAML file (relative to the working directory) or an http(s) URL. */
  readonly url: string;
}

/**
 * Existing manifests as ApiObjects of the chart, as cdk8s's `Include`: each document becomes a
 * child with id `name[-kind][-namespace]`, which programs find (`apiObjects`, `node.findChild`)
 * and change (`ApiObject.of`, `addJsonPatch`, `metadata.addLabel`). The file is read in the
 * constructor because the cdk8s API hands out the objects right away (kcc's own `Include` in
 * `kcc` reads at synth).
 */
export class Include extends Construct {
  constructor(scope: Construct, id: string, props: IncludeProps) {
    super(scope, id);
    let order = 0;
    for (const object of Yaml.load(props.url)) {
      const name = object.metadata?.name ?? `object${order++}`;
      const childId = [name, object.kind?.toLowerCase(), object.metadata?.namespace].filter((x) => x).join('-');
      new ApiObject(this, childId, object);
    }
  }

  /** The objects read, in file order. */
  get apiObjects(): ApiObject[] {
    return this.node.children.filter((c): c is ApiObject => ApiObject.isApiObject(c));
  }
}
