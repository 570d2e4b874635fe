import type { CommandSpec } from '../command-spec.js';

export const templateSpec = {
  description: 'Render a chart (kcc template chart or Helm chart) to manifests, validated against the Kubernetes schemas',
  examples: [
    { description: 'Render a chart to stdout', command: '<%= config.bin %> template charts/webapp' },
    { description: 'Values files in order, then single values', command: '<%= config.bin %> template charts/webapp -f prod.yaml -f eu.yaml --set image.tag=1.4.2,replicas=3' },
    { description: 'A list item and a string that looks like a number', command: '<%= config.bin %> template ./redis --set "extraArgs[0]=--appendonly" --set-string password=0123' },
    { description: 'One file per template under out/', command: '<%= config.bin %> template charts/webapp --name shop --namespace prod --output-dir out' },
    { description: 'Errors as JSON for a CI step or an editor', command: '<%= config.bin %> template charts/webapp --error-format json' },
    { description: 'A Helm (Go-template) chart, with its CRDs, as `helm template` prints it', command: '<%= config.bin %> template ./bitnami-redis --name cache -n data -f prod.yaml --include-crds' },
  ],
  args: {
    chart: { description: 'chart directory (with Chart.yaml) or packaged chart (.tgz): a kcc (Handlebars) or Helm (Go-template) chart', required: true },
  },
  flags: {
    name: { type: 'string', description: 'release name (Release.Name)', default: 'release' },
    namespace: { type: 'string', char: 'n', description: 'release namespace (Release.Namespace)', default: 'default' },
    values: { type: 'string', char: 'f', description: 'values file; repeat for more, later files win', multiple: true },
    set: { type: 'string', description: 'set values: a.b=1,list[0]=x (repeatable)', multiple: true },
    'set-string': { type: 'string', description: 'set values, always as strings (repeatable)', multiple: true },
    'set-file': { type: 'string', description: 'set a value to the content of a file: key=path (repeatable)', multiple: true },
    'set-json': { type: 'string', description: 'Helm charts: set JSON values: a.b={"x":1} (repeatable; applied before --set)', multiple: true },
    'include-crds': { type: 'boolean', description: "Helm charts: print the chart's crds/ too, as `helm template --include-crds` (kcc charts always include them)", default: false },
    'skip-tests': { type: 'boolean', description: 'Helm charts: leave out test hooks (helm.sh/hook: test)', default: false },
    'is-upgrade': { type: 'boolean', description: 'Helm charts: render as an upgrade (.Release.IsUpgrade true)', default: false },
    kubeconfig: { type: 'string', description: "Helm charts: `lookup` reads the cluster of this kubeconfig (without it, lookup finds nothing, as in `helm template`)" },
    'kube-context': { type: 'string', description: 'Helm charts: the kubeconfig context for `lookup`' },
    'api-versions': { type: 'string', char: 'a', description: 'Helm charts: extra Capabilities.APIVersions, e.g. monitoring.coreos.com/v1 (repeatable)', multiple: true },
    'output-dir': { type: 'string', description: 'write one file per template into this directory instead of stdout' },
    'kube-version': { type: 'string', description: 'Capabilities.KubeVersion (default: the Kubernetes release kcc targets)' },
    validate: { type: 'boolean', description: 'validate objects against the Kubernetes schemas', default: true, allowNo: true },
    canonical: { type: 'boolean', description: "print objects in kcc's canonical form (sorted keys, as `kcc synth` does) instead of as the templates wrote them", default: false },
    notes: { type: 'boolean', description: 'print the rendered NOTES.txt to stderr', default: false },
    'error-format': { type: 'string', description: 'how errors and warnings go to stderr: text, or json (one object: errors and warnings with file, line, field, hint) for tools', options: ['text', 'json'], default: 'text' },
  },
} as const satisfies CommandSpec;
