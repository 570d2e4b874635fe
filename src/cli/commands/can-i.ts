import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';

export default class CanI extends KccCommand {
  static override description = 'Check whether an action is allowed (kubectl auth can-i): exit 0 for yes, 1 for no';
  static override examples = [
    '<%= config.bin %> can-i create deployments.apps -n dev --cluster kcc',
    '<%= config.bin %> can-i get pods/log -n dev --as system:serviceaccount:dev:ci',
    '<%= config.bin %> can-i list secrets --as jane --as-group developers --output json',
    '<%= config.bin %> can-i list nodes -A',
  ];
  static override args = {
    verb: Args.string({ description: 'get, list, watch, create, update, patch, delete, or *', required: true }),
    resource: Args.string({ description: 'resource as kubectl names it: pods, deployments.apps, pods/log', required: true }),
    name: Args.string({ description: 'one object by name' }),
  };
  static override flags = {
    namespace: Flags.string({ char: 'n', description: "namespace (default: the kubeconfig context's, else \"default\", as kubectl)" }),
    'all-namespaces': Flags.boolean({ char: 'A', description: 'ask about every namespace (cluster-wide)', default: false, exclusive: ['namespace'] }),
    as: Flags.string({ description: 'ask for this user instead of yourself (needs rights to create SubjectAccessReviews)' }),
    'as-group': Flags.string({ description: 'groups of that user (repeatable)', multiple: true }),
    kubeconfig: Flags.string({ description: 'kubeconfig file (default: $KUBECONFIG\'s files merged, ~/.kube/config, or in-cluster)' }),
    context: Flags.string({ description: 'kubeconfig context' }),
    cluster: Flags.string({ description: 'bundled local cluster to ask (must be running)' }),
    ...KccCommand.outputFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(CanI);
    const { KubeClient, reviewAccess } = await import('../../engine/index.js');
    let kubeconfig = flags.kubeconfig;
    if (!kubeconfig && flags.cluster) {
      const { getProvider } = await import('../../cluster/index.js');
      kubeconfig = await getProvider('local').kubeconfig(flags.cluster);
    }
    // Without a file: $KUBECONFIG's files merged, ~/.kube/config, or the pod's service account.
    const client = await KubeClient.fromKubeconfig(kubeconfig, flags.context);
    // As kubectl: the context's namespace unless -n or -A says otherwise.
    const namespace = flags['all-namespaces'] ? undefined : flags.namespace ?? client.namespace ?? 'default';
    const answer = await reviewAccess(client, { verb: args.verb, resource: args.resource, name: args.name, namespace, user: flags.as, groups: flags['as-group'] });
    this.printData(flags.output, answer, () => (answer.allowed ? 'yes' : `no${answer.reason ? ` (${answer.reason})` : ''}`));
    if (!answer.allowed) this.exit(1);
  }
}
