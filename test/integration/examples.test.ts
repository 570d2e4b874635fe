import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/core/kube-object.js';
import { toYamlStream } from '../../src/core/serialize.js';
import { kubectl } from './shared-cluster.js';

// Every example, synthesized by the built kcc, must be accepted by the bundled cluster's API
// server: `kubectl apply --dry-run=server` runs admission and validation without persisting.
// A few objects are referenced by others at admission time (a pod's namespace, PriorityClass,
// ServiceAccount), which a dry run does not create: those are applied for real first and
// deleted afterwards.
const PREREQUISITE_KINDS = new Set(['Namespace', 'PriorityClass', 'ServiceAccount']);

interface ExampleResult {
  objects: { object: KubeObject }[];
  error?: string;
}

let results: Record<string, ExampleResult>;
const created: KubeObject[] = [];

beforeAll(async () => {
  const helper = fileURLToPath(new URL('../unit/synth/synth-examples.mjs', import.meta.url));
  results = JSON.parse(execFileSync('node', [helper], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const prerequisites = Object.values(results).flatMap((r) => (r.objects ?? []).map((o) => o.object).filter((o) => PREREQUISITE_KINDS.has(o.kind)));
  // Namespaces first: the service accounts live in them.
  prerequisites.sort((a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'));
  for (const object of prerequisites) {
    await kubectl(['apply', '--server-side', '--field-manager=kcc-examples-test', '-f', '-'], { input: toYamlStream([object]) });
    created.push(object);
  }
}, 300_000);

afterAll(async () => {
  for (const object of created.reverse()) {
    const ns = object.metadata.namespace ? ['-n', object.metadata.namespace] : [];
    await kubectl(['delete', object.kind, object.metadata.name!, ...ns, '--ignore-not-found', '--wait=false']).catch(() => undefined);
  }
});

describe('examples against the bundled cluster', () => {
  it('synthesized every example', () => {
    for (const [name, result] of Object.entries(results)) expect(result.error, name).toBeUndefined();
  });

  it('every object of every example passes a server-side dry run', async () => {
    const rejected: string[] = [];
    for (const [name, result] of Object.entries(results)) {
      const objects = result.objects.map((o) => o.object);
      try {
        await kubectl(['apply', '--dry-run=server', '--server-side', '--field-manager=kcc-examples-test', '-f', '-'], { input: toYamlStream(objects) });
      } catch (error) {
        rejected.push(`${name}: ${(error as { stderr?: string }).stderr ?? error}`);
      }
    }
    expect(rejected).toEqual([]);
  }, 300_000);
});
