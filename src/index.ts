// The kcc library: everything the CLI does, a TypeScript program can do by importing 'kcc'.
export * from './core/index.js';
