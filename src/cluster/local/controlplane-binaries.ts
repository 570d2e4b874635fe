import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { KccError } from '../../core/errors.js';
import { readKubernetesPin } from '../controlplane-pin.js';
import { buildControlplane, controlplaneBinaryPath } from './controlplane-build.js';
import type { ProgressListener } from '../provider.js';

export type Component = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok';
export const COMPONENTS: Component[] = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'];

/** How to start one component: an executable and the arguments that come before its own flags. */
export interface ComponentCommand {
  path: string;
  prefixArgs: string[];
}

export interface ControlplaneBinaries {
  /** Where the binaries came from, for messages ("built", "KUBEBUILDER_ASSETS", ...). */
  source: string;
  commands: Partial<Record<Component, ComponentCommand>>;
}

/** Per-component override variables, e.g. KCC_KUBE_APISERVER_BINARY. */
export function componentEnvVar(component: Component): string {
  return `KCC_${component.toUpperCase().replace(/-/g, '_')}_BINARY`;
}

function executable(path: string, origin: string): string {
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    throw new KccError(`${origin} names ${path}, which is not an executable file`, { hint: 'point it at an existing binary, or unset it to let kcc build the control plane' });
  }
}

export function hasGo(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface ResolveOptions {
  /** Binaries named in kcc.yaml (`cluster.binaries`), by component, or `controlplane` for one multi-call binary. */
  configured?: Partial<Record<Component | 'controlplane', string>>;
  onProgress?: ProgressListener;
}

/**
 * Finds the control-plane binaries, first match wins: kcc.yaml, environment variables
 * (KCC_CONTROLPLANE_BINARY for the multi-call binary, or one KCC_<COMPONENT>_BINARY each), the
 * envtest layout (KUBEBUILDER_ASSETS), then kcc's build cache, building it when Go is present.
 */
export async function resolveControlplaneBinaries(options: ResolveOptions = {}): Promise<ControlplaneBinaries> {
  const configured = options.configured ?? {};
  const multiCall = configured.controlplane ?? process.env.KCC_CONTROLPLANE_BINARY;
  const commands: ControlplaneBinaries['commands'] = {};
  let source = '';
  if (multiCall) {
    const path = executable(multiCall, configured.controlplane ? 'kcc.yaml cluster.binaries.controlplane' : 'KCC_CONTROLPLANE_BINARY');
    for (const component of COMPONENTS) commands[component] = { path, prefixArgs: [component] };
    source = path;
  }
  for (const component of COMPONENTS) {
    const single = configured[component] ?? process.env[componentEnvVar(component)];
    if (single) {
      commands[component] = { path: executable(single, configured[component] ? `kcc.yaml cluster.binaries.${component}` : componentEnvVar(component)), prefixArgs: [] };
      source ||= 'configured binaries';
    }
  }
  const assets = process.env.KUBEBUILDER_ASSETS;
  if (!commands.etcd && !commands['kube-apiserver'] && assets) {
    for (const component of COMPONENTS) {
      const path = join(assets, component);
      if (existsSync(path)) commands[component] = { path: executable(path, 'KUBEBUILDER_ASSETS'), prefixArgs: [] };
    }
    source = `KUBEBUILDER_ASSETS (${assets})`;
  }
  if (commands.etcd && commands['kube-apiserver']) return { source, commands };

  const built = controlplaneBinaryPath();
  if (!existsSync(built)) {
    if (!hasGo()) {
      throw new KccError(`no control-plane binaries for Kubernetes ${readKubernetesPin().kubernetes}, and Go is not installed to build them`, {
        hint: 'install Go 1.26+ and run `npm run build:controlplane`, or set KCC_CONTROLPLANE_BINARY, or KUBEBUILDER_ASSETS to a directory with etcd and kube-apiserver; or use --provider kind',
      });
    }
    await buildControlplane({ onProgress: options.onProgress });
  }
  for (const component of COMPONENTS) commands[component] ??= { path: built, prefixArgs: [component] };
  return { source: source || built, commands };
}
