import { fileURLToPath } from 'node:url';
import { KccError, KccErrors } from '../core/errors.js';
import type { TrackedObject } from '../core/kube-object.js';
import { readManifestPaths, readManifestText } from '../schema/read-manifests.js';
import { issueToKccError, type ValidationIssue } from '../schema/validation-issue.js';
import { isCrd } from './crd-versions.js';
import type { CrdInput } from './generate-imports.js';

export interface CrdSourceResult {
  crds: CrdInput[];
  /** Documents that are not CRDs (a ValidatingAdmissionPolicy shipped beside them...), left out. */
  skipped: string[];
}

/**
 * Reads CustomResourceDefinitions from files, directories (recursively: .yaml, .yml, .json), and
 * URLs: `file://` names a local file; `http(s)://` is fetched. Documents of other kinds are left
 * out and listed; a file that is not valid YAML fails the import.
 */
export async function readCrdSources(sources: string[], onProgress: (message: string) => void = () => {}): Promise<CrdSourceResult> {
  const objects: TrackedObject[] = [];
  const issues: ValidationIssue[] = [];
  const paths: string[] = [];
  for (const source of sources) {
    if (/^https?:\/\//i.test(source)) {
      onProgress(`fetching ${source}`);
      const read = readManifestText(await fetchText(source), source);
      objects.push(...read.objects);
      issues.push(...read.issues);
    } else {
      paths.push(source.startsWith('file://') ? fileURLToPath(source) : source);
    }
  }
  if (paths.length) {
    onProgress(`reading ${paths.join(', ')}`);
    const read = await readManifestPaths(paths);
    objects.push(...read.objects);
    issues.push(...read.issues);
  }
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length === 1) throw issueToKccError(errors[0]!);
  if (errors.length) throw new KccErrors(`${errors.length} problems reading the CRDs`, errors.map(issueToKccError));
  const crds: CrdInput[] = [];
  const skipped: string[] = [];
  for (const tracked of objects) {
    if (isCrd(tracked.object)) crds.push({ object: tracked.object, location: tracked.source });
    else skipped.push(`${tracked.object?.kind ?? 'a document'} ${tracked.object?.metadata?.name ?? ''} (${tracked.source.file})`.replace('  ', ' '));
  }
  return { crds, skipped };
}

async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new KccError(`cannot fetch ${url}: ${(error as Error).message}`, { hint: 'download the file and pass its path (or a file:// URL)', cause: error });
  }
  if (!response.ok) throw new KccError(`cannot fetch ${url}: HTTP ${response.status}`, { hint: 'check the URL, or download the file and pass its path' });
  return response.text();
}
