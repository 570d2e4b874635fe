#!/usr/bin/env node
import { execute, settings } from '@oclif/core';

// kcc always runs its compiled commands; without this, NODE_ENV=test or development (set by test
// runners) makes oclif look for TypeScript sources and warn on every start.
settings.enableAutoTranspile = false;

await execute({ dir: import.meta.url });
