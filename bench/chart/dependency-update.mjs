#!/usr/bin/env node
// Dependency benchmark: `kcc chart dependency update` vs `helm dependency update` on the same chart
// (3 dependencies) against the same loopback chart repository, whose index.yaml is the size of a
// large public one (default 300 charts x 60 versions, ~13 MB, like bitnami's before it moved to
// OCI). Usage (after `npm run build`):
//   node bench/chart/dependency-update.mjs [--charts 300] [--versions 60] [--runs 3]
// Each number is a whole process, wall time, median of --runs; both tools start with no cache
// (helm gets a fresh HELM_CACHE_HOME per run, so it downloads the index every time, as kcc does).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmBinary, here, option, root } from './bench-setup.mjs';

const work = join(root, 'bench', '.work', 'chart');
const chartCount = Number(option('charts', '300'));
const versionCount = Number(option('versions', '60'));
const runs = Number(option('runs', '3'));


const { packChartDirectory } = await import(join(root, 'dist/chart/repository/chart-archive.js'));
const scratch = mkdtempSync(join(tmpdir(), 'kcc-bench-deps-'));
const archives = new Map();
for (const name of ['chart0', 'chart1', 'chart2']) {
  const dir = join(scratch, 'src', name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.${versionCount - 1}.0\n`);
  writeFileSync(join(dir, 'templates/cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`);
  archives.set(`/${name}-1.${versionCount - 1}.0.tgz`, await packChartDirectory(dir, name));
}
const lines = ['apiVersion: v1', 'entries:'];
for (let c = 0; c < chartCount; c++) {
  lines.push(`  chart${c}:`);
  for (let v = versionCount - 1; v >= 0; v--) {
    lines.push('  - annotations:', '      category: Database', '    apiVersion: v2', `    appVersion: 7.${v}.0`, '    created: "2024-01-01T00:00:00.000000Z"',
      '    dependencies:', '    - name: common', '      repository: oci://registry-1.docker.io/bitnamicharts', '      tags:', '      - bitnami-common', '      version: 2.x.x',
      '    description: A chart with a description of the length public charts have.', `    digest: ${'ab'.repeat(32)}`, '    home: https://example.com', '    keywords:', '    - database',
      '    maintainers:', '    - name: Someone', '      url: https://example.com', `    name: chart${c}`, '    sources:', '    - https://example.com/src', '    urls:', `    - chart${c}-1.${v}.0.tgz`, `    version: 1.${v}.0`);
  }
}
const index = `${lines.join('\n')}\ngenerated: "2024-01-01T00:00:00Z"\n`;
const server = createServer((req, res) => {
  const body = req.url === '/index.yaml' ? index : archives.get(req.url);
  if (body === undefined) res.writeHead(404).end();
  else res.writeHead(200).end(body);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const url = `http://127.0.0.1:${server.address().port}`;
const parent = join(scratch, 'parent');
mkdirSync(parent);
writeFileSync(join(parent, 'Chart.yaml'), `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n${['chart0', 'chart1', 'chart2'].map((name) => `- name: ${name}\n  version: ^1.0.0\n  repository: ${url}\n`).join('')}`);

// Asynchronous spawn: the repository is served from this process's event loop.
function timed(command, commandArgs, env) {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => (code === 0 ? done(performance.now() - start) : fail(new Error(`${command} failed: ${stderr}`))));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { kcc: [], helm: [] };
for (let run = 0; run < runs; run++) {
  const ours = join(scratch, `kcc-${run}`);
  const theirs = join(scratch, `helm-${run}`);
  cpSync(parent, ours, { recursive: true });
  cpSync(parent, theirs, { recursive: true });
  const home = join(scratch, `helm-home-${run}`);
  results.kcc.push(await timed(process.execPath, [join(root, 'bin/kcc.js'), 'chart', 'dependency', 'update', ours], {}));
  results.helm.push(await timed(helmBinary(work), ['dependency', 'update', theirs], { HELM_CACHE_HOME: join(home, 'cache'), HELM_CONFIG_HOME: join(home, 'config'), HELM_DATA_HOME: join(home, 'data') }));
}
server.close();
rmSync(scratch, { recursive: true, force: true });
const [kcc, helm] = [median(results.kcc), median(results.helm)];
console.log(`index.yaml: ${chartCount} charts x ${versionCount} versions, ${(index.length / 1e6).toFixed(1)} MB; 3 dependencies; median of ${runs} runs`);
console.log(`kcc chart dependency update  ${(kcc / 1000).toFixed(2)} s`);
console.log(`helm dependency update       ${(helm / 1000).toFixed(2)} s`);
console.log(`ratio helm/kcc               ${(helm / kcc).toFixed(2)}x`);
