import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KccError } from '../core/errors.js';

/** kcc's own package.json: the starter depends on this kcc, and on the versions kcc is built with. */
const KCC_PACKAGE_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');

/** Where kcc.yaml's schema is once the project has installed kcc (editors complete kcc.yaml from it). */
const INSTALLED_SCHEMA_PATH = 'node_modules/kcc/schemas/kcc.schema.json';

/**
 * The starter project `kcc init` writes: a Node package depending on kcc (package.json,
 * tsconfig.json, .gitignore, README.md), a TypeScript app, a base overlay that includes it
 * (`kcc:app`) with a generated ConfigMap, dev and prod overlays, and kcc.yaml tying them to
 * environments. `npm install && npx kcc synth --typecheck` works in it as written. Every file is
 * small and meant to be edited.
 */
export interface StarterOptions {
  dir: string;
  name?: string;
  /** Overwrite files that already exist. */
  force?: boolean;
}

/** The versions the starter's package.json names: this kcc, and the TypeScript tooling it is built with. */
export interface StarterVersions {
  kcc: string;
  typescript: string;
  typesNode: string;
  constructs: string;
}

export function kccVersions(): StarterVersions {
  const pkg = JSON.parse(readFileSync(KCC_PACKAGE_FILE, 'utf8')) as { version: string; dependencies: Record<string, string>; devDependencies?: Record<string, string> };
  return {
    kcc: pkg.version,
    typescript: pkg.dependencies.typescript!,
    // @types/node is only a development dependency of kcc; a published kcc still names it.
    typesNode: pkg.devDependencies?.['@types/node'] ?? '20.19.0',
    constructs: pkg.dependencies.constructs!,
  };
}

export function starterFiles(name: string, versions: StarterVersions, schemaPath = INSTALLED_SCHEMA_PATH): Record<string, string> {
  const packageJson = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      synth: 'kcc synth --typecheck',
      'synth:prod': 'kcc synth --typecheck --env prod --out dist/prod',
      typecheck: 'tsc',
    },
    dependencies: { constructs: versions.constructs, kcc: `^${versions.kcc}` },
    devDependencies: { '@types/node': versions.typesNode, typescript: versions.typescript },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['**/*.ts'],
    exclude: ['node_modules', 'dist'],
  };
  return {
    'package.json': JSON.stringify(packageJson, null, 2) + '\n',
    'tsconfig.json': JSON.stringify(tsconfig, null, 2) + '\n',
    '.gitignore': `node_modules/
# dist/ holds the synthesized manifests: commit it to review them in pull requests (and run
# \`kcc synth --check\` in CI), or uncomment the next line to keep them out of git.
# dist/
`,
    'README.md': `# ${name}

Kubernetes configuration as code with [kcc](https://www.npmjs.com/package/kcc).

\`\`\`sh
npm install
npx kcc synth --typecheck            # type-check main.ts, write the dev manifests to dist/
npx kcc synth --env prod --stdout    # print the prod manifests
npx kcc diff --env dev               # compare with the dev cluster (kcc cluster up starts one)
npx kcc apply --env dev
\`\`\`

- \`main.ts\`: the application, as TypeScript constructs (\`kcc/k8s\` has a class per Kubernetes kind).
- \`overlays/\`: kustomizations per environment over the app (\`kcc:app\`).
- \`kcc.yaml\`: the environments (namespace, overlay, cluster).
- Custom resources: \`npx kcc import path/to/crds.yaml\` writes typed classes into \`imports/\`.
`,
    'kcc.yaml': `# yaml-language-server: $schema=${schemaPath}
name: ${name}
app: main.ts
defaultEnvironment: dev
environments:
  dev:
    overlay: overlays/dev
    namespace: ${name}-dev
    cluster:
      provider: local
      name: kcc
  prod:
    overlay: overlays/prod
    namespace: ${name}-prod
    cluster:
      provider: kubeconfig
      context: prod
`,
    'main.ts': `// The application: a Deployment and the Service in front of it.
//   kcc synth --env dev --stdout
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, '${name}');

const labels = { app: '${name}' };
new k8s.Deployment(chart, 'web', {
  metadata: { name: 'web' },
  spec: {
    replicas: 1,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            // web-settings comes from the base overlay's configMapGenerator; kcc rewrites this
            // name to the generated one (with its content hash).
            envFrom: [{ configMapRef: { name: 'web-settings' } }],
          },
        ],
      },
    },
  },
});

new k8s.Service(chart, 'service', {
  metadata: { name: 'web' },
  spec: { selector: labels, ports: [{ port: 80, targetPort: 80 }] },
});
`,
    'overlays/base/kustomization.yaml': `# Everything every environment shares: the app, and its settings.
resources:
- kcc:app
configMapGenerator:
- name: web-settings
  literals:
  - LOG_LEVEL=info
`,
    'overlays/dev/kustomization.yaml': `resources:
- ../base
labels:
- pairs:
    env: dev
configMapGenerator:
- name: web-settings
  behavior: merge
  literals:
  - LOG_LEVEL=debug
`,
    'overlays/prod/kustomization.yaml': `resources:
- ../base
labels:
- pairs:
    env: prod
  includeTemplates: true
replicas:
- name: web
  count: 3
images:
- name: nginx
  newTag: "1.27.3"
patches:
- path: resources.yaml
`,
    'overlays/prod/resources.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        resources:
          requests: { cpu: 250m, memory: 256Mi }
          limits: { memory: 512Mi }
`,
  };
}

/** Writes the starter project; returns the files written (relative to dir). */
export function writeStarter(options: StarterOptions): string[] {
  const dir = resolve(options.dir);
  const name = (options.name ?? basename(dir)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'app';
  const files = starterFiles(name, kccVersions());
  const existing = Object.keys(files).filter((file) => existsSync(join(dir, file)));
  if (existing.length && !options.force) {
    throw new KccError(`${existing.length === 1 ? 'a file' : `${existing.length} files`} of the starter already exist${existing.length === 1 ? 's' : ''} in ${dir}: ${existing.join(', ')}`, {
      hint: 'choose an empty directory, or pass --force to overwrite them',
    });
  }
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return Object.keys(files);
}
