import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { KccError } from '../core/errors.js';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Creates a starter chart in `dir` (whose last segment is the chart name): a Deployment and a
 * Service with the usual labels, a values schema, NOTES.txt and a README. It passes
 * `kcc chart lint` as written. Returns the files created.
 */
export async function createChart(dir: string): Promise<string[]> {
  const name = basename(dir);
  if (!NAME.test(name) || name.length > 53) {
    throw new KccError(`"${name}" is not a valid chart name`, { hint: 'use lowercase letters, digits and "-" (at most 53 characters, so that "<release>-<name>" fits in a Kubernetes name)' });
  }
  if (existsSync(dir)) throw new KccError(`${dir} already exists`, { hint: 'choose another name or remove the directory' });
  const files = starterFiles(name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return Object.keys(files).map((path) => join(dir, path));
}

function starterFiles(name: string): Record<string, string> {
  return {
    'Chart.yaml': `apiVersion: v2\nname: ${name}\ndescription: A Kubernetes application packaged as a kcc template chart\ntype: application\nversion: 0.1.0\nappVersion: "1.0.0"\n`,
    'values.yaml': `replicaCount: 1\n\nimage:\n  repository: nginx\n  # Defaults to the chart's appVersion.\n  tag: "1.27"\n\nservice:\n  type: ClusterIP\n  port: 80\n\nresources: {}\n`,
    'values.schema.json': `${JSON.stringify(
      {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        required: ['image'],
        properties: {
          replicaCount: { type: 'integer', minimum: 0 },
          image: { type: 'object', required: ['repository'], properties: { repository: { type: 'string', minLength: 1 }, tag: { type: 'string' } } },
          service: { type: 'object', properties: { type: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] }, port: { type: 'integer', minimum: 1, maximum: 65535 } } },
          resources: { type: 'object' },
        },
      },
      null,
      2,
    )}\n`,
    'templates/_helpers.hbs': `{{!-- Named templates: use them with {{include "name" this}}. --}}\n{{#define "${name}.fullname"}}{{trimSuffix "-" (trunc 63 (printf "%s-%s" Release.Name Chart.Name))}}{{/define}}\n\n{{#define "${name}.selectorLabels"}}\napp.kubernetes.io/name: {{Chart.Name}}\napp.kubernetes.io/instance: {{Release.Name}}\n{{/define}}\n\n{{#define "${name}.labels"}}\n{{include "${name}.selectorLabels" this}}\napp.kubernetes.io/version: {{quote (default Chart.AppVersion Values.image.tag)}}\napp.kubernetes.io/managed-by: {{Release.Service}}\n{{/define}}\n`,
    'templates/deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{include "${name}.fullname" this}}\n  labels:\n    {{~nindent 4 (include "${name}.labels" this)}}\nspec:\n  replicas: {{Values.replicaCount}}\n  selector:\n    matchLabels:\n      {{~nindent 6 (include "${name}.selectorLabels" this)}}\n  template:\n    metadata:\n      labels:\n        {{~nindent 8 (include "${name}.selectorLabels" this)}}\n    spec:\n      containers:\n        - name: {{Chart.Name}}\n          image: "{{Values.image.repository}}:{{default Chart.AppVersion Values.image.tag}}"\n          ports:\n            - name: http\n              containerPort: 80\n          {{#if Values.resources}}\n          resources:\n            {{~nindent 12 (toYaml Values.resources)}}\n          {{/if}}\n`,
    'templates/service.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: {{include "${name}.fullname" this}}\n  labels:\n    {{~nindent 4 (include "${name}.labels" this)}}\nspec:\n  type: {{Values.service.type}}\n  selector:\n    {{~nindent 4 (include "${name}.selectorLabels" this)}}\n  ports:\n    - name: http\n      port: {{Values.service.port}}\n      targetPort: http\n`,
    'templates/NOTES.txt': `{{Chart.Name}} is installed as release "{{Release.Name}}" in namespace "{{Release.Namespace}}".\nInside the cluster: http://{{include "${name}.fullname" this}}.{{Release.Namespace}}.svc:{{Values.service.port}}\n`,
    'README.md': `# ${name}\n\nRender it: \`kcc template ${name} --name my-release\`; check it: \`kcc chart lint ${name}\`.\n\n| value | default | meaning |\n|---|---|---|\n| \`replicaCount\` | \`1\` | pods |\n| \`image.repository\`, \`image.tag\` | \`nginx\`, \`1.27\` | container image |\n| \`service.type\`, \`service.port\` | \`ClusterIP\`, \`80\` | |\n| \`resources\` | \`{}\` | container resources |\n`,
  };
}
