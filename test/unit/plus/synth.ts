import { expect } from 'vitest';
import { App, Chart } from '../../../src/core/index.js';
import type { KubeObject } from '../../../src/core/kube-object.js';
import { validateObjects } from '../../../src/schema/validate-objects.js';

/**
 * Builds one chart (namespace `ns`), synthesizes it as `kcc synth` does, and checks every object
 * with kcc's own validator (the schemas and the semantic rules the API server applies).
 * Returns the manifests in install order.
 */
export async function synthValid(build: (chart: Chart) => void, options: { namespace?: string | null } = {}): Promise<any[]> {
  const app = new App();
  const namespace = options.namespace === null ? undefined : (options.namespace ?? 'ns');
  build(new Chart(app, 'c', { namespace }));
  const tracked = (await app.synth()).charts.flatMap((c) => c.objects);
  const errors = validateObjects(tracked).filter((issue) => issue.severity === 'error');
  expect(errors.map((e) => `${e.object}: ${e.message}`)).toEqual([]);
  return tracked.map((t) => t.object);
}

export function only(objects: KubeObject[], kind: string): any {
  const found = objects.filter((o) => o.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0];
}
