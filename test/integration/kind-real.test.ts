import { describe, expect, it } from 'vitest';
import { dockerEngineAnswers, onPath } from '../../src/cluster/external/run-cli.js';
import { runKcc } from '../helpers/run-kcc.js';
import { testKccHome } from './shared-cluster.js';

// The real kind provider needs a Docker engine and the kind CLI; where either is missing the test
// is skipped and its name says why (this sandbox has the Docker client but no engine).
const missing = [!onPath('kind') && 'the kind CLI', !dockerEngineAnswers() && 'a Docker engine (`docker info` fails)'].filter(Boolean);
const reason = missing.length ? ` (skipped: this machine lacks ${missing.join(' and ')})` : '';

describe('kind provider against a real Docker engine', () => {
  it.skipIf(missing.length > 0)(`creates, reaches and deletes a kind cluster${reason}`, async () => {
    const env = { KCC_HOME: testKccHome() };
    const up = await runKcc(['cluster', 'up', '--provider', 'kind', '--name', 'kcc-it', '--output', 'json'], { env });
    expect(up.code, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout).kubeconfigPath).toContain('kind-kcc-it');
    const down = await runKcc(['cluster', 'down', '--provider', 'kind', '--name', 'kcc-it'], { env });
    expect(down.code, down.stderr).toBe(0);
  }, 300_000);
});
