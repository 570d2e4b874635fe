import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KccError } from '../core/errors.js';

/** Same file as project-file.ts names; not imported from there to keep `kcc init` free of ajv. */
const PROJECT_SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas', 'kcc.schema.json');

/**
 * The starter project `kcc init` writes: a TypeScript app, a base overlay that includes it
 * (`kcc:app`) with a generated ConfigMap, dev and prod overlays, and kcc.yaml tying them to
 * environments. Every file is small and meant to be edited.
 */
export interface StarterOptions {
  dir: string;
  name?: string;
  /** Overwrite files that already exist. */
  force?: boolean;
}

export function starterFiles(name: string, schemaPath: string): Record<string, string> {
  return {
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
  const files = starterFiles(name, relative(dir, PROJECT_SCHEMA_FILE));
  const existing = Object.keys(files).filter((file) => existsSync(join(dir, file)));
  if (existing.length && !options.force) {
    throw new KccError(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${dir}`, { hint: 'choose an empty directory, or pass --force to overwrite' });
  }
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return Object.keys(files);
}
