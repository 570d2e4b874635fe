import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Starts one bundled cluster for every integration test in the run, in a private KCC_HOME so the
 * developer's own clusters are never touched, and removes it (processes and data) afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kccHome = mkdtempSync(join(tmpdir(), 'kcc-it-'));
  process.env.KCC_HOME = kccHome;
  // Built output, not sources: the CLI under test is the built one, and both must agree.
  const { LocalProvider } = await import('../../dist/cluster/local/local-provider.js');
  const provider = new LocalProvider({ readyTimeoutMs: 600_000 });
  const started = Date.now();
  const info = await provider.up({
    name: 'shared',
    nodes: 2,
    onProgress: (event) => {
      if (event.elapsedMs === undefined && event.step.startsWith('building')) console.log(`[integration] ${event.step} (${event.detail})`);
    },
  });
  console.log(`[integration] shared cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${info.server}`);
  project.provide('kubeconfig', info.kubeconfigPath);
  project.provide('kccHome', kccHome);
  return async () => {
    await provider.down('shared', { purge: true });
    await rm(kccHome, { recursive: true, force: true });
  };
}
