// kcc/project: kcc.yaml projects and the pipeline from a project + environment to manifests.
export * from './compile.js';
export * from './project-file.js';
export { writeStarter, starterFiles, type StarterOptions } from './starter.js';
export { runProgram, type RunProgramOptions, type ProgramResult } from './run-program.js';
