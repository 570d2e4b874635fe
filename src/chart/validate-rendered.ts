import { KccErrors } from '../core/errors.js';
import { describeObject, track, type TrackedObject } from '../core/kube-object.js';
import { issueToKccError, rememberYamlOrigin, validateObjects, type ValidationIssue } from '../schema/index.js';
import { yamlLibrary } from '../schema/lazy-yaml.js';
import { findRemovedApi } from '../schema/api-lifecycle.js';
import type { RenderedDocument } from './rendered-documents.js';

const MAX_LOCATED = 20;
const MAX_SHOWN = 50;

/**
 * Validates every rendered object against the Kubernetes schema of its kind. The fast pass
 * validates the plain objects; only documents with errors are parsed a second time, with node
 * positions, to point each error at the template line that wrote the offending field.
 * Returns the warnings; throws all errors together.
 */
export function validateRenderedDocuments(documents: RenderedDocument[], tracked: TrackedObject[], options: { kubeVersion?: string } = {}): ValidationIssue[] {
  const issues = servedAtTarget(validateObjects(tracked), tracked, options.kubeVersion);
  if (!issues.some((issue) => issue.severity === 'error')) return issues;
  // Locating needs a second, slower parse; the first objects with errors are enough to act on.
  const failing = new Set(issues.filter((issue) => issue.severity === 'error').map((issue) => issue.object).slice(0, MAX_LOCATED));
  const located: ValidationIssue[] = [];
  const relocated = new Set<string>();
  tracked.forEach((item, index) => {
    const document = documents[index]!;
    const label = describeObject(item.object);
    if (!failing.has(label) || document.templateLines.length === 0) return;
    relocated.add(label);
    const { LineCounter, parseDocument } = yamlLibrary();
    const lineCounter = new LineCounter();
    const yamlDocument = parseDocument(document.text, { version: '1.1', lineCounter });
    const copy = yamlDocument.toJS() as typeof item.object;
    rememberYamlOrigin(copy, yamlDocument, lineCounter);
    for (const issue of validateObjects([track(copy, item.source)])) {
      const line = issue.location.line === undefined ? undefined : document.templateLines[issue.location.line - 1];
      located.push({ ...issue, location: { kind: 'template', file: item.source.file, line: line ?? item.source.line } });
    }
  });
  const errors = [...located, ...issues.filter((issue) => !relocated.has(issue.object ?? ''))].filter((issue) => issue.severity === 'error');
  const objects = new Set(issues.filter((issue) => issue.severity === 'error').map((issue) => issue.object)).size;
  const shown = errors.slice(0, MAX_SHOWN);
  const more = errors.length > shown.length ? ` (first ${shown.length} of ${errors.length} problems shown)` : '';
  throw new KccErrors(`${objects} rendered object${objects === 1 ? '' : 's'} failed schema validation${more}`, shown.map(issueToKccError));
}

/**
 * A chart rendered for an older Kubernetes (`--kube-version 1.20`) rightly picks apiVersions that
 * were still served there (policy/v1beta1). kcc's schemas are those of its pinned release, so it
 * cannot check such objects: their "no longer served" errors become warnings saying so.
 */
function servedAtTarget(issues: ValidationIssue[], tracked: TrackedObject[], kubeVersion: string | undefined): ValidationIssue[] {
  const target = minorOf(kubeVersion);
  if (target === undefined) return issues;
  const kinds = new Map(tracked.map(({ object }) => [describeObject(object), object]));
  return issues.map((issue) => {
    if (issue.code !== 'removed-api' || issue.severity !== 'error') return issue;
    const object = kinds.get(issue.object ?? '');
    const removed = object ? findRemovedApi(object.apiVersion, object.kind) : undefined;
    const removedIn = minorOf(removed?.removedIn);
    if (!removed || removedIn === undefined || target >= removedIn) return issue;
    return { ...issue, severity: 'warning', message: `${removed.apiVersion} ${object!.kind} is not validated: it was served until Kubernetes ${removed.removedIn} and the chart was rendered for ${kubeVersion}, while kcc's schemas are its pinned release's` };
  });
}

/** "v1.20.5" or "1.20" as 1020, for comparing releases. */
function minorOf(version: string | undefined): number | undefined {
  const match = version ? /^v?(\d+)\.(\d+)/.exec(version) : null;
  return match ? Number(match[1]) * 1000 + Number(match[2]) : undefined;
}
