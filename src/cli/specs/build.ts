import type { CommandSpec } from '../command-spec.js';
import { reportFlags } from '../report.js';

export const buildSpec = {
  description: 'Build a kustomization directory and print its objects (kustomize build); with --env, a kcc project environment',
  examples: [
    '<%= config.bin %> build overlays/dev',
    '<%= config.bin %> build overlays/prod --output json',
    '<%= config.bin %> build ../shared/overlay --load-restrictor none',
    '<%= config.bin %> build . --env prod',
    '<%= config.bin %> build overlays/dev --enable-helm --helm-command /usr/local/bin/helm',
    '<%= config.bin %> build overlays/prod --strict --report sarif --report-file build.sarif > prod.yaml',
  ],
  args: { dir: { description: 'directory holding kustomization.yaml (or kcc.yaml with --env)', default: '.' } },
  flags: {
    output: { type: 'string', char: 'o', description: 'output format', options: ['yaml', 'json'], default: 'yaml' },
    'load-restrictor': {
      type: 'string',
      description: 'rootOnly refuses files outside each kustomization directory; none allows them',
      options: ['rootOnly', 'none', 'LoadRestrictionsRootOnly', 'LoadRestrictionsNone'],
      default: 'rootOnly',
    },
    strict: {
      type: 'boolean',
      description: 'make a patch whose target selects nothing an error (by default a warning, as kustomize applies it to nothing)',
      default: false,
    },
    'enable-helm': { type: 'boolean', description: 'render helmCharts entries with helm template, as kustomize --enable-helm', default: false },
    'helm-command': { type: 'string', description: 'helm executable for --enable-helm (default: $KCC_HELM or helm on PATH)' },
    'helm-api-versions': { type: 'string', multiple: true, description: 'Capabilities.APIVersions for every chart (as kustomize --helm-api-versions)' },
    'helm-kube-version': { type: 'string', description: 'Capabilities.KubeVersion for every chart (as kustomize --helm-kube-version)' },
    ...reportFlags,
    env: { type: 'string', char: 'e', description: 'build this environment of the kcc project in DIR (app, charts and overlay)' },
  },
} as const satisfies CommandSpec;
