import type { CommandSpec } from '../command-spec.js';

export const validateSpec = {
  description: 'Check Kubernetes manifests (YAML or JSON) against the schemas of the pinned Kubernetes release',
  examples: [
    { description: 'Validate one file', command: '<%= config.bin %> validate deployment.yaml' },
    { description: 'Validate every .yaml, .yml and .json file under a directory', command: '<%= config.bin %> validate manifests/' },
    { description: 'Machine-readable report for CI', command: '<%= config.bin %> validate k8s/ --output json' },
    { description: 'Findings for GitHub code scanning (upload with github/codeql-action/upload-sarif)', command: '<%= config.bin %> validate k8s/ -o sarif > kcc.sarif' },
    { description: 'Fail on warnings too (unknown custom resources, deprecated fields)', command: '<%= config.bin %> validate k8s/ --strict' },
    { description: 'Validate what another tool prints', command: 'kubectl kustomize overlays/prod | <%= config.bin %> validate -' },
    { description: 'Validate custom resources against CRDs kept in a directory', command: '<%= config.bin %> validate k8s/ --crds crds/' },
    { description: 'Validate custom resources against the schemas `kcc import` wrote', command: '<%= config.bin %> validate k8s/ --imports imports' },
    { description: 'Validate custom resources against the CRDs of the current kubeconfig context (read-only)', command: '<%= config.bin %> validate k8s/ --from-cluster' },
  ],
  strict: false,
  args: { paths: { description: 'manifest files or directories ("-" reads standard input)', required: true } },
  flags: {
    output: { type: 'string', char: 'o', description: 'report format: text, json, or for CI sarif (code scanning), junit (test reports), github (workflow annotations)', options: ['text', 'json', 'sarif', 'junit', 'github'], default: 'text' },
    crds: {
      type: 'string',
      description: 'CRD files or directories: their custom resources are validated too (repeatable; CRDs in the input also count). Gateway API and volume snapshot CRDs are built in',
      multiple: true,
    },
    imports: { type: 'string', description: 'a `kcc import` output directory whose custom resource schemas apply (default: ./imports when it holds schemas/index.json)' },
    'from-cluster': { type: 'boolean', description: 'also read the CRDs of the cluster of the current kubeconfig context (one read-only request)', default: false },
    kubeconfig: { type: 'string', description: 'kubeconfig file for --from-cluster (default: $KUBECONFIG, else ~/.kube/config)' },
    context: { type: 'string', description: 'kubeconfig context for --from-cluster' },
    strict: {
      type: 'boolean',
      description: 'exit 1 on warnings as well as errors (unknown kinds, deprecated fields, duplicate keys, references to objects not in the input)',
      default: false,
    },
  },
} as const satisfies CommandSpec;
