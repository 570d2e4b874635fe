#!/usr/bin/env node
// `kcc template ... | head` closes the pipe early: the reader has what it wanted, so stop quietly
// instead of dying on EPIPE with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`error: writing standard output: ${error.message}\n`);
  process.exit(2);
});

// --no-color works on every command: it means NO_COLOR, which every colour decision reads.
const noColour = process.argv.indexOf('--no-color');
if (noColour !== -1) {
  process.env.NO_COLOR = '1';
  process.argv.splice(noColour, 1);
}

// synth, template, build and validate start without oclif when their command line parses
// cleanly (src/cli/fast-path.ts); everything else, help and flag errors included, goes to oclif.
const { runFastPath } = await import('../dist/cli/fast-path.js');
if (!(await runFastPath(process.argv.slice(2)))) {
  // Subpath imports: the @oclif/core index loads every oclif module on each start.
  const { execute } = await import('@oclif/core/execute');
  const { settings } = await import('@oclif/core/settings');
  // kcc always runs its compiled commands; without this, NODE_ENV=test or development (set by test
  // runners) makes oclif look for TypeScript sources and warn on every start.
  settings.enableAutoTranspile = false;
  await execute({ dir: import.meta.url });
}
