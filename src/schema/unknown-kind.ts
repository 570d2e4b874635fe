import { groupOf } from '../core/kube-object.js';
import { REMOVED_APIS } from './api-lifecycle.js';
import { closestMatch } from './edit-distance.js';
import type { IssueReporter } from './issue-reporter.js';
import { apiVersionsServing, isBuiltinGroup, kindsOfGroup, loadSchemaIndex } from './schema-store.js';

/** Configuration files that look like objects but are read by tools, never sent to the API server. */
const CONFIG_FILES: { group: string; kind: string; what: string }[] = [
  { group: '', kind: 'Config', what: 'a kubeconfig file (clusters, users, contexts)' },
  { group: 'kubescheduler.config.k8s.io', kind: 'KubeSchedulerConfiguration', what: "a kube-scheduler configuration file (passed with the scheduler's --config)" },
  { group: 'kubelet.config.k8s.io', kind: 'KubeletConfiguration', what: 'a kubelet configuration file' },
  { group: 'kustomize.config.k8s.io', kind: 'Kustomization', what: 'a kustomization (build it with `kcc build` and validate the output)' },
  { group: 'kind.x-k8s.io', kind: 'Cluster', what: 'a kind cluster configuration' },
];

/**
 * What to say about an apiVersion/kind with no schema: a configuration file (warning), a wrong
 * version of a built-in kind or a typo in a built-in group (errors), or a custom resource whose
 * CRD is not in the input (warning).
 */
export function reportUnknownKind(report: IssueReporter, apiVersion: string, kind: string): void {
  const group = groupOf(apiVersion);
  const config = CONFIG_FILES.find((c) => c.group === group && c.kind === kind);
  if (config) {
    report.add('unknown-kind', ['kind'], `${config.what}, not an API object: not validated`, { severity: 'warning', hint: 'kcc validates objects that are applied to a cluster' });
    return;
  }
  const served = apiVersionsServing(kind);
  if (served.length) {
    report.add('unknown-api-version', ['apiVersion'], `${apiVersion} does not serve ${kind} in Kubernetes ${loadSchemaIndex().kubernetes}`, {
      hint: `use apiVersion: ${served[0]}${served.length > 1 ? ` (served: ${served.join(', ')})` : ''}`,
    });
    return;
  }
  if (isBuiltinGroup(group)) {
    const similar = closestMatch(kind, kindsOfGroup(group));
    report.add('unknown-kind', ['kind'], `${apiVersion} has no kind "${kind}"`, { hint: similar ? `did you mean "${similar}"?` : `kinds of this group: ${kindsOfGroup(group).join(', ')}` });
    return;
  }
  const removed = REMOVED_APIS.find((api) => api.apiVersion === apiVersion);
  if (removed) {
    report.add('removed-api', ['apiVersion'], `${apiVersion} is no longer served (its kinds moved or were removed by Kubernetes ${removed.removedIn})`, { hint: 'use the current apiVersion of this kind (`kubectl api-resources` lists them)' });
    return;
  }
  report.add('unknown-kind', ['kind'], `no schema for ${kind} (${apiVersion}): not validated`, {
    severity: 'warning',
    hint: 'a custom resource: include its CustomResourceDefinition in the input to validate it',
  });
}
