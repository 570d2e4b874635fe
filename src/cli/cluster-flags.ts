import * as Flags from '@oclif/core/flags';
import { PROVIDERS } from '../cluster/provider.js';

/** Flags shared by every `kcc cluster` command. */
export const clusterFlags = {
  name: Flags.string({ char: 'n', description: 'cluster name', default: 'kcc' }),
  provider: Flags.string({ char: 'p', description: 'cluster provider', options: PROVIDERS, default: 'local' }),
};
