import { kccVersion, readKubernetesPin } from '../../cluster/controlplane-pin.js';
import type { ParsedCommand } from '../command-spec.js';
import { printData } from '../print-data.js';
import type { versionSpec } from '../specs/version.js';

/** `kcc version`: from package.json and the control plane's pin, with nothing else loaded. */
export async function runVersion({ flags }: ParsedCommand<typeof versionSpec>): Promise<void> {
  const data = { kcc: kccVersion(), kubernetes: readKubernetesPin().kubernetes };
  printData(flags.output, data, () => `kcc ${data.kcc} (Kubernetes ${data.kubernetes})`);
}
