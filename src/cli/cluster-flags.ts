import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { KccError } from '../core/errors.js';
import { PROVIDERS } from '../cluster/provider.js';

const DEFAULT_CLUSTER = 'kcc';

/** Flags shared by every `kcc cluster` command. */
export const clusterFlags = {
  // No default here: clusterName() applies it, so it can tell a given --name from the default.
  name: Flags.string({ char: 'n', description: `cluster name [default: ${DEFAULT_CLUSTER}]` }),
  provider: Flags.string({ char: 'p', description: 'cluster provider', options: PROVIDERS, default: 'local' }),
};

/** The cluster name may also come first, as `kcc cluster up dev` (k3d's way; kind and minikube take a flag). */
export const clusterArgs = {
  name: Args.string({ description: 'cluster name (instead of --name)' }),
};

/** The cluster a command is about: the argument or --name (both, if they differ, is an error), else `kcc`. */
export function clusterName(args: { name?: string }, flags: { name?: string }): string {
  if (args.name !== undefined && flags.name !== undefined && args.name !== flags.name) {
    throw new KccError(`two cluster names given: "${args.name}" and --name ${flags.name}`, { hint: 'give the name once, as an argument or with --name' });
  }
  return args.name ?? flags.name ?? DEFAULT_CLUSTER;
}
