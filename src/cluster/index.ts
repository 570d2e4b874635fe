import { KccError } from '../core/errors.js';
import { KindProvider } from './external/kind-provider.js';
import { MinikubeProvider } from './external/minikube-provider.js';
import { LocalProvider, type LocalProviderOptions } from './local/local-provider.js';
import { PROVIDERS, type ClusterProvider, type ProviderName } from './provider.js';

export * from './provider.js';
export { LocalProvider } from './local/local-provider.js';
export { KindProvider } from './external/kind-provider.js';
export { MinikubeProvider } from './external/minikube-provider.js';
export { SIMULATE_LABEL } from './local/kwok-config.js';
export { readKubernetesPin } from './controlplane-pin.js';

export function getProvider(name: string = 'local', options: { local?: LocalProviderOptions } = {}): ClusterProvider {
  switch (name as ProviderName) {
    case 'local':
      return new LocalProvider(options.local);
    case 'kind':
      return new KindProvider();
    case 'minikube':
      return new MinikubeProvider();
    default:
      throw new KccError(`unknown cluster provider "${name}"`, { hint: `choose one of ${PROVIDERS.join(', ')}` });
  }
}
