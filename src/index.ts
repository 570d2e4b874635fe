// The kcc library: everything the CLI does, a TypeScript program can do by importing 'kcc'.
// Typed constructs for every Kubernetes kind are in 'kcc/k8s'. The other parts are subpaths, so a
// program that only synthesizes does not load them: 'kcc/chart' (template charts, TemplateChart,
// HelmChart), 'kcc/overlay' (kustomizations), 'kcc/project' (kcc.yaml, compileProject),
// 'kcc/engine' (apply, diff, rollback), 'kcc/release' (history), 'kcc/cluster' (providers),
// 'kcc/schema' (validation).
export * from './core/index.js';
export * from './plus/index.js';
export { runProgram, type RunProgramOptions, type ProgramResult } from './project/run-program.js';
// Used by the modules `kcc import` generates: their constructs build objects as src/k8s ones do,
// and their schemas join validation.
export { toPlainJson } from './core/plain-json.js';
export { registerImportedSchemas } from './schema/imported-schemas.js';
