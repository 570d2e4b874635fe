import type { CommandSpec } from '../command-spec.js';
import { reportFlags } from '../report.js';

export const synthSpec = {
  description: 'Compile a TypeScript app (or a kcc.yaml project) into Kubernetes manifests',
  examples: [
    { description: 'Synthesize a program into examples/hello/dist/, one file per chart', command: '<%= config.bin %> synth -a examples/hello/main.ts' },
    { description: 'Print the manifests instead of writing files', command: '<%= config.bin %> synth -a main.ts --stdout' },
    { description: 'The project in kcc.yaml, for one environment', command: '<%= config.bin %> synth --env prod --out build/prod' },
    { description: 'One JSON file, after a full type check', command: '<%= config.bin %> synth -a main.ts --single-file --output json --typecheck' },
    { description: 'Override a template chart value', command: '<%= config.bin %> synth --env dev --set replicas=2 --stdout' },
    { description: 'In CI: exit 1 when the committed dist/ is not what synth renders now (writes nothing)', command: '<%= config.bin %> synth --env prod --check' },
    { description: 'Warnings and errors for GitHub code scanning', command: '<%= config.bin %> synth --env prod --report sarif --report-file synth.sarif' },
  ],
  args: {},
  flags: {
    app: { type: 'string', char: 'a', description: 'TypeScript program that creates an App (default: app: in kcc.yaml)' },
    env: { type: 'string', char: 'e', description: 'environment from kcc.yaml to compile' },
    dir: { type: 'string', char: 'C', description: 'project directory (where kcc.yaml is)', default: '.' },
    out: { type: 'string', description: 'output directory, replaced as a whole (default: dist/ beside kcc.yaml, or beside the -a program)' },
    'single-file': { type: 'boolean', description: 'write one app.k8s.yaml instead of one file per chart', default: false },
    stdout: { type: 'boolean', description: 'print the manifests instead of writing files', default: false },
    check: { type: 'boolean', description: 'write nothing; exit 1 listing stale, missing and extra files when the output directory differs from what synth renders', default: false },
    output: { type: 'string', char: 'o', description: 'manifest format', options: ['yaml', 'json'], default: 'yaml' },
    typecheck: { type: 'boolean', description: 'type-check the program first (loads the full TypeScript checker)', default: false },
    validate: { type: 'boolean', description: 'validate objects against the Kubernetes schemas', default: true, allowNo: true },
    values: { type: 'string', char: 'f', description: 'values file for every template chart of the project (repeatable)', multiple: true },
    set: { type: 'string', description: 'value for every template chart of the project, key=value (repeatable)', multiple: true },
    ...reportFlags,
  },
} as const satisfies CommandSpec;
