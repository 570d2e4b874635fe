import type { CommandSpec } from '../command-spec.js';

export const versionSpec = {
  description: 'Print the kcc version and the Kubernetes release it targets',
  examples: ['<%= config.bin %> version', '<%= config.bin %> version --output json'],
  args: {},
  flags: {
    output: { type: 'string', char: 'o', description: 'print data in this format', options: ['text', 'json', 'yaml'], default: 'text' },
  },
} as const satisfies CommandSpec;
