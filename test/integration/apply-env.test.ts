import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runKcc } from '../helpers/run-kcc.js';
import { testKccHome } from './shared-cluster.js';

// `kcc apply --env dev` end to end: kcc.yaml → compileProject → the environment's local cluster,
// started because it is not running → apply → history. Uses a cluster of its own, removed after.
const cluster = 'it-apply-env';
const env = () => ({ KCC_HOME: testKccHome() });

describe('kcc apply --env', () => {
  afterAll(async () => {
    await runKcc(['cluster', 'down', '--name', cluster, '--purge'], { env: env() });
  });

  it('starts the environment\'s local cluster and deploys the project into it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-env-'));
    writeFileSync(join(dir, 'kcc.yaml'), `name: shop\ncharts:\n  - name: web\n    path: chart\nenvironments:\n  dev:\n    namespace: shop-dev\n    cluster: {provider: local, name: ${cluster}}\n`);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'chart', 'values.yaml'), 'greeting: hello\n');
    writeFileSync(join(dir, 'chart', 'templates', 'config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: greeting\ndata:\n  text: {{Values.greeting}}\n');
    const applied = await runKcc(['apply', '--env', 'dev', '-C', dir], { env: env() });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain(`making sure local cluster "${cluster}" is running`);
    expect(applied.stdout).toContain('release shop revision 1 deployed');
    const history = await runKcc(['history', '--env', 'dev', '-C', dir, '-o', 'json'], { env: env() });
    expect(history.code, history.stderr).toBe(0);
    expect(JSON.parse(history.stdout)[0]).toMatchObject({ revision: 1, status: 'deployed', env: 'dev', namespace: 'shop-dev' });
    const again = await runKcc(['apply', '--env', 'dev', '-C', dir], { env: env() });
    expect(again.stdout).toContain('no changes');
  });
});
