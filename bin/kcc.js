#!/usr/bin/env node
// Subpath imports: the @oclif/core index loads every oclif module on each start.
import { execute } from '@oclif/core/execute';
import { settings } from '@oclif/core/settings';

// kcc always runs its compiled commands; without this, NODE_ENV=test or development (set by test
// runners) makes oclif look for TypeScript sources and warn on every start.
settings.enableAutoTranspile = false;

await execute({ dir: import.meta.url });
