import { KccCommand } from '../base-command.js';
import { readKubernetesPin } from '../../cluster/controlplane-pin.js';

export default class Version extends KccCommand {
  static override description = 'Print the kcc version and the Kubernetes release it targets';
  static override examples = ['<%= config.bin %> version', '<%= config.bin %> version --output json'];
  static override flags = { ...KccCommand.outputFlag };

  async run(): Promise<void> {
    const { flags } = await this.parse(Version);
    const data = { kcc: this.config.version, kubernetes: readKubernetesPin().kubernetes };
    this.printData(flags.output, data, () => `kcc ${data.kcc} (Kubernetes ${data.kubernetes})`);
  }
}
