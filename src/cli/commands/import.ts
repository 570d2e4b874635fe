import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { relative } from 'node:path';
import { KccCommand } from '../base-command.js';

export default class Import extends KccCommand {
  static override description =
    'Generate typed constructs and JSON Schemas from CustomResourceDefinitions (as cdk8s import): one module per group/version, and validation then knows the kinds';
  static override examples = [
    { description: 'Import every CRD in a directory into imports/', command: '<%= config.bin %> import crds/' },
    { description: 'Files and file:// URLs, into another directory', command: '<%= config.bin %> import cert-manager.crds.yaml file:///tmp/gateway.yaml -o src/imports' },
    { description: 'A URL (fetched)', command: '<%= config.bin %> import https://github.com/cert-manager/cert-manager/releases/download/v1.16.2/cert-manager.crds.yaml' },
    { description: 'Every CRD the cluster of a kubeconfig context serves', command: '<%= config.bin %> import --from-cluster --context dev' },
  ];
  static override strict = false;
  static override args = {
    source: Args.string({ description: 'CRD file, directory, file:// or http(s):// URL (several may be given)' }),
  };
  static override flags = {
    output: Flags.string({ char: 'o', description: 'directory to write the modules and schemas into', default: 'imports' }),
    language: Flags.string({ char: 'l', description: 'language of the generated code', options: ['typescript'], default: 'typescript' }),
    'from-cluster': Flags.boolean({ description: "import the CRDs of the kubeconfig's current context (read-only)", default: false }),
    kubeconfig: Flags.string({ description: "kubeconfig file (default: $KUBECONFIG's files merged, ~/.kube/config, or in-cluster)" }),
    context: Flags.string({ description: 'kubeconfig context (with --from-cluster)' }),
    cluster: Flags.string({ description: 'bundled local cluster to import from (with --from-cluster; must be running)' }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Import);
    const { importCrds } = await import('../../k8s-gen/import-crds.js');
    const progress = (message: string): void => void process.stderr.write(`… ${message}\n`);
    let cluster;
    if (flags['from-cluster']) {
      const { KubeClient } = await import('../../engine/kube-client.js');
      let kubeconfig = flags.kubeconfig;
      if (!kubeconfig && flags.cluster) {
        const { getProvider } = await import('../../cluster/index.js');
        kubeconfig = await getProvider('local').kubeconfig(flags.cluster);
      }
      cluster = await KubeClient.fromKubeconfig(kubeconfig, flags.context);
    }
    const result = await importCrds({ sources: argv as string[], cluster, outDir: flags.output, onProgress: progress });
    for (const skipped of result.skipped) process.stderr.write(`note: not a CustomResourceDefinition, skipped: ${skipped}\n`);
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    const shown = relative(process.cwd(), result.outDir) || '.';
    const lines = result.modules.map((m) => `  ${shown}/${m.file}  ${m.apiVersion}: ${m.kinds.join(', ')}`);
    process.stdout.write(`wrote ${result.files.length} files to ${shown}/ (${result.modules.length} module${result.modules.length === 1 ? '' : 's'}, schemas in ${shown}/schemas/):\n${lines.join('\n')}\n`);
  }
}
