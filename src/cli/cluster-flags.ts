import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { KccError } from '../core/errors.js';
import { PROVIDERS } from '../cluster/provider.js';

/** Flags shared by every `kcc cluster` command. */
export const clusterFlags = {
  name: Flags.string({ char: 'n', description: 'cluster name', default: 'kcc' }),
  provider: Flags.string({ char: 'p', description: 'cluster provider', options: PROVIDERS, default: 'local' }),
};

/** The cluster name may also come first, as `kcc cluster up dev` (k3d's way; kind and minikube take a flag). */
export const clusterArgs = {
  name: Args.string({ description: 'cluster name (instead of --name)' }),
};

/** The cluster a command is about: the argument, else --name; both, if they differ, is an error. */
export function clusterName(args: { name?: string }, flags: { name: string }, argv: string[]): string {
  if (args.name === undefined) return flags.name;
  const flagGiven = argv.some((token) => token === '-n' || token === '--name' || token.startsWith('--name=') || (token.startsWith('-n') && token.length > 2));
  if (flagGiven && flags.name !== args.name) {
    throw new KccError(`two cluster names given: "${args.name}" and --name ${flags.name}`, { hint: 'give the name once, as an argument or with --name' });
  }
  return args.name;
}
