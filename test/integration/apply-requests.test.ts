import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/core/kube-object.js';
import { applyRelease, createReleaseContext, KubeClient } from '../../src/engine/index.js';
import { kubectl, testKubeconfig } from './shared-cluster.js';

// The no-op path stays O(kinds): drift is found in the objects the plan already lists, not by
// asking the server about each object. Counted on the library, against the bundled cluster.

function release(namespace: string, count: number, value = 'a'): KubeObject[] {
  const objects: KubeObject[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }];
  for (let i = 0; i < count / 2; i++) {
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `config-${i}`, namespace }, data: { value } });
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}`, namespace }, spec: { selector: { app: `a${i}` }, ports: [{ port: 80, targetPort: 8080 }] } });
  }
  return objects;
}

async function countedApply(namespace: string, objects: KubeObject[]): Promise<{ requests: number; changed: boolean }> {
  const client = await KubeClient.fromKubeconfig(testKubeconfig());
  let requests = 0;
  const send = client.request.bind(client);
  client.request = ((...args: Parameters<KubeClient['request']>) => {
    requests++;
    return send(...args);
  }) as KubeClient['request'];
  try {
    const result = await applyRelease(createReleaseContext(client, 'counted', namespace), { objects, wait: false });
    return { requests, changed: result.changed };
  } finally {
    client.close();
  }
}

describe('requests per apply', () => {
  afterAll(async () => {
    await kubectl(['delete', 'namespace', 'rel-count-small', 'rel-count-large', '--wait=false']).catch(() => undefined);
  });

  it('a no-op apply of 1,000 objects makes as many requests as one of 10, and drift repair adds only the drifted object', async () => {
    expect((await countedApply('rel-count-small', release('rel-count-small', 10))).changed).toBe(true);
    expect((await countedApply('rel-count-large', release('rel-count-large', 1000))).changed).toBe(true);

    const small = await countedApply('rel-count-small', release('rel-count-small', 10));
    const large = await countedApply('rel-count-large', release('rel-count-large', 1000));
    expect(small.changed).toBe(false);
    expect(large.changed).toBe(false);
    expect(large.requests).toBe(small.requests);
    expect(large.requests).toBeLessThanOrEqual(10);

    await kubectl(['patch', 'configmap', 'config-7', '-n', 'rel-count-large', '--type=merge', '-p', '{"data":{"value":"edited"}}']);
    const repaired = await countedApply('rel-count-large', release('rel-count-large', 1000));
    expect(repaired.changed).toBe(true);
    expect(await kubectl(['get', 'configmap', 'config-7', '-n', 'rel-count-large', '-o', 'jsonpath={.data.value}'])).toBe('a');
    // One dry run and one write for the object, plus the revision's bookkeeping: not one request per object.
    expect(repaired.requests).toBeLessThan(large.requests + 15);
  });
});
