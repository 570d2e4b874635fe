// The kcc library: everything the CLI does, a TypeScript program can do by importing 'kcc'.
// Typed constructs for every Kubernetes kind are in 'kcc/k8s'.
export * from './core/index.js';
export * from './plus/index.js';
export { runProgram, type RunProgramOptions, type ProgramResult } from './project/run-program.js';
