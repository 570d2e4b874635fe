import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { track, type KubeObject } from '../../../src/core/kube-object.js';
import { importCrds } from '../../../src/k8s-gen/import-crds.js';
import { registerImportedSchemas } from '../../../src/schema/imported-schemas.js';
import { validateObjects } from '../../../src/schema/validate-objects.js';

// `kcc import` on the real CRD sets of ../shared/corpus/crds (read in place): the generated code
// type-checks under --strict with a program using it, and custom resources validate against the
// CRD schemas (one valid and one invalid object per set).

const corpus = fileURLToPath(new URL('../../../../shared/corpus/crds/', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));

interface CorpusSet {
  name: string;
  modules: string[];
  /** A program using the generated classes; `@ts-expect-error` lines must be type errors. */
  program: string;
  valid: KubeObject;
  invalid: { object: KubeObject; field: RegExp };
}

const meta = (name: string) => ({ name, namespace: 'apps' });

const sets: CorpusSet[] = [
  {
    name: 'cert-manager',
    modules: ['acme.cert-manager.io-v1.ts', 'cert-manager.io-v1.ts'],
    program: `import { App, Chart } from 'kcc';
import { Certificate, ClusterIssuer } from './imports/cert-manager.io-v1.js';
const chart = new Chart(new App(), 'certs');
new ClusterIssuer(chart, 'le', { metadata: { name: 'letsencrypt' }, spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', privateKeySecretRef: { name: 'le-key' }, solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }] } } });
new Certificate(chart, 'web', { metadata: { name: 'web' }, spec: { secretName: 'web-tls', dnsNames: ['example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } } });
// @ts-expect-error renewBefore is a duration string
new Certificate(chart, 'bad', { metadata: { name: 'bad' }, spec: { secretName: 'x', issuerRef: { name: 'y' }, renewBefore: 5 } });
`,
    valid: { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: meta('web'), spec: { secretName: 'web-tls', dnsNames: ['example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } } },
    invalid: { object: { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: meta('web'), spec: { secretName: 'web-tls', dnsNames: 'example.com' } }, field: /spec\.(issuerRef|dnsNames)/ },
  },
  {
    name: 'prometheus-operator',
    modules: ['monitoring.coreos.com-v1.ts', 'monitoring.coreos.com-v1alpha1.ts'],
    program: `import { App, Chart } from 'kcc';
import { PrometheusRule, ServiceMonitor } from './imports/monitoring.coreos.com-v1.js';
const chart = new Chart(new App(), 'monitoring');
new ServiceMonitor(chart, 'web', { metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'http', interval: '30s' }] } });
new PrometheusRule(chart, 'rules', { metadata: { name: 'rules' }, spec: { groups: [{ name: 'web', rules: [{ alert: 'Down', expr: 'up == 0', for: '5m' }] }] } });
// @ts-expect-error endpoints is a list
new ServiceMonitor(chart, 'bad', { metadata: { name: 'bad' }, spec: { selector: {}, endpoints: { port: 'http' } } });
`,
    valid: { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: meta('web'), spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'http', interval: '30s' }] } },
    invalid: { object: { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: meta('web'), spec: { selector: {}, endpoints: [{ port: 'http', interval: 'every minute' }] } }, field: /spec\.endpoints\[0\]\.interval/ },
  },
  {
    name: 'gateway-api-standard',
    modules: ['gateway.networking.k8s.io-v1.ts', 'gateway.networking.k8s.io-v1beta1.ts'],
    program: `import { App, Chart } from 'kcc';
import { Gateway, HTTPRoute } from './imports/gateway.networking.k8s.io-v1.js';
const chart = new Chart(new App(), 'gateway');
new Gateway(chart, 'gw', { metadata: { name: 'gw' }, spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } });
new HTTPRoute(chart, 'route', { metadata: { name: 'route' }, spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } });
// @ts-expect-error Gateway requires a spec
new Gateway(chart, 'bad', { metadata: { name: 'bad' } });
`,
    valid: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: meta('route'), spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } },
    invalid: { object: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: meta('route'), spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 'eighty' }] }] } }, field: /spec\.rules\[0\]\.backendRefs\[0\]\.port/ },
  },
  {
    name: 'argo-cd',
    modules: ['argoproj.io-v1alpha1.ts'],
    program: `import { App, Chart } from 'kcc';
import { Application } from './imports/argoproj.io-v1alpha1.js';
const chart = new Chart(new App(), 'argo');
new Application(chart, 'guestbook', { metadata: { name: 'guestbook' }, spec: { project: 'default', source: { repoURL: 'https://github.com/argoproj/argocd-example-apps', path: 'guestbook', targetRevision: 'HEAD' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' } } });
// @ts-expect-error destination is required
new Application(chart, 'bad', { metadata: { name: 'bad' }, spec: { project: 'default' } });
`,
    valid: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: meta('guestbook'), spec: { project: 'default', source: { repoURL: 'https://github.com/argoproj/argocd-example-apps', path: 'guestbook' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' } } },
    invalid: { object: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: meta('guestbook'), spec: { project: 'default', source: { repoURL: 'x', path: 'y' } } }, field: /spec\.destination|destination/ },
  },
];

const work = mkdtempSync(join(tmpdir(), 'kcc-import-corpus-'));
// Generated modules are ES modules (they use import.meta), as kcc init's package.json declares.
writeFileSync(join(work, 'package.json'), '{ "type": "module" }\n');
const outDir = (set: CorpusSet): string => join(work, set.name, 'imports');

describe('kcc import on the CRD corpus', () => {
  beforeAll(async () => {
    for (const set of sets) await importCrds({ sources: [join(corpus, set.name)], outDir: outDir(set) });
  }, 600_000);

  it.each(sets)('$name: one module per group/version', (set) => {
    expect(readdirSync(outDir(set)).filter((f) => f.endsWith('.ts')).sort()).toEqual(set.modules);
  });

  it('the generated code and programs using it type-check under --strict', () => {
    const roots: string[] = [];
    for (const set of sets) {
      const program = join(work, set.name, 'main.ts');
      writeFileSync(program, set.program);
      roots.push(program, ...set.modules.map((m) => join(outDir(set), m)));
    }
    const dist = (name: string): string => join(repo, 'dist', `${name}.d.ts`);
    const program = ts.createProgram(roots, {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      typeRoots: [join(repo, 'node_modules', '@types')],
      // As `kcc synth --typecheck` resolves them: the built kcc's declarations.
      paths: { kcc: [dist('index')], 'kcc/k8s': [dist('k8s/index')], constructs: [join(repo, 'node_modules', 'constructs', 'lib', 'index.d.ts')] },
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
      return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    // An unused @ts-expect-error (TS2578) would show up here: each wrong line is a type error.
    expect(errors).toEqual([]);
  }, 300_000);

  it.each(sets)('$name: custom resources validate against the CRD schemas', (set) => {
    registerImportedSchemas(join(outDir(set), 'schemas'));
    const check = (object: KubeObject) => validateObjects([track(object, { kind: 'yaml', file: `${set.name}.yaml` })]).filter((i) => i.severity === 'error');
    expect(check(set.valid)).toEqual([]);
    const issues = check(set.invalid.object);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => `${i.field}: ${i.message}`).join('\n')).toMatch(set.invalid.field);
  });
});
