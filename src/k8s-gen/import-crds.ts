import { resolve } from 'node:path';
import { KccError } from '../core/errors.js';
import type { KubeClient } from '../engine/kube-client.js';
import { listClusterCrds } from './cluster-crds.js';
import { readCrdSources } from './crd-sources.js';
import { generateImports, type CrdInput, type ImportedModule } from './generate-imports.js';
import { writeImports } from './write-imports.js';

export interface ImportCrdsOptions {
  /** Files, directories, file:// or http(s):// URLs. */
  sources: string[];
  /** Also import every CRD this cluster serves. */
  cluster?: KubeClient;
  /** Output directory. @default 'imports' */
  outDir?: string;
  onProgress?: (message: string) => void;
}

export interface ImportCrdsResult {
  outDir: string;
  files: string[];
  modules: ImportedModule[];
  warnings: string[];
  /** Documents that were not CRDs. */
  skipped: string[];
}

/** `kcc import`, as a library call: read the CRDs, generate, write. */
export async function importCrds(options: ImportCrdsOptions): Promise<ImportCrdsResult> {
  const progress = options.onProgress ?? (() => {});
  if (!options.sources.length && !options.cluster) throw new KccError('nothing to import', { hint: 'pass CRD files, directories or URLs, or --from-cluster' });
  const crds: CrdInput[] = [];
  const read = await readCrdSources(options.sources, progress);
  crds.push(...read.crds);
  if (options.cluster) {
    progress('listing the cluster\'s CustomResourceDefinitions');
    crds.push(...(await listClusterCrds(options.cluster)));
  }
  if (!crds.length) {
    const others = read.skipped.length ? `; the input holds only other kinds: ${read.skipped.slice(0, 3).join(', ')}${read.skipped.length > 3 ? ', ...' : ''}` : '';
    throw new KccError(`no CustomResourceDefinition to import${others}`, { hint: 'pass CRD files, a directory of them, or --from-cluster' });
  }
  progress(`read ${crds.length} CustomResourceDefinition${crds.length === 1 ? '' : 's'}`);
  const generated = await generateImports(crds, progress);
  const outDir = resolve(options.outDir ?? 'imports');
  const files = writeImports(outDir, generated);
  return { outDir, files, modules: generated.modules, warnings: generated.warnings, skipped: read.skipped };
}
