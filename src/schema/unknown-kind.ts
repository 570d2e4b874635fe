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
  { group: 'kubelet.config.k8s.io', kind: 'CredentialProviderConfig', what: "a kubelet credential provider configuration (the kubelet's --image-credential-provider-config)" },
  { group: 'kubeproxy.config.k8s.io', kind: 'KubeProxyConfiguration', what: "a kube-proxy configuration file (kube-proxy's --config)" },
  { group: 'apiserver.config.k8s.io', kind: 'AdmissionConfiguration', what: "an API server admission configuration (kube-apiserver's --admission-control-config-file)" },
  { group: 'apiserver.k8s.io', kind: 'AdmissionConfiguration', what: "an API server admission configuration (kube-apiserver's --admission-control-config-file)" },
  { group: 'apiserver.config.k8s.io', kind: 'EncryptionConfiguration', what: "an API server encryption configuration (kube-apiserver's --encryption-provider-config)" },
  { group: 'apiserver.config.k8s.io', kind: 'EgressSelectorConfiguration', what: "an API server egress selector configuration (kube-apiserver's --egress-selector-config-file)" },
  { group: 'apiserver.k8s.io', kind: 'EgressSelectorConfiguration', what: "an API server egress selector configuration (kube-apiserver's --egress-selector-config-file)" },
  { group: 'apiserver.config.k8s.io', kind: 'AuthenticationConfiguration', what: "an API server authentication configuration (kube-apiserver's --authentication-config)" },
  { group: 'apiserver.config.k8s.io', kind: 'AuthorizationConfiguration', what: "an API server authorization configuration (kube-apiserver's --authorization-config)" },
  { group: 'apiserver.config.k8s.io', kind: 'TracingConfiguration', what: "an API server tracing configuration (kube-apiserver's --tracing-config-file)" },
  { group: 'audit.k8s.io', kind: 'Policy', what: "an audit policy (kube-apiserver's --audit-policy-file)" },
  { group: 'pod-security.admission.config.k8s.io', kind: 'PodSecurityConfiguration', what: 'a PodSecurity admission plugin configuration (inside an AdmissionConfiguration)' },
  { group: 'kustomize.config.k8s.io', kind: 'Kustomization', what: 'a kustomization (build it with `kcc build` and validate the output)' },
  { group: 'kind.x-k8s.io', kind: 'Cluster', what: 'a kind cluster configuration' },
];

/** Groups whose every kind is a component's configuration file, never an API object. */
const CONFIG_GROUPS = [/\.config\.k8s\.io$/, /^apiserver\.k8s\.io$/, /^kubeadm\.k8s\.io$/, /^audit\.k8s\.io$/, /^client\.authentication\.k8s\.io$/];

function configFileOf(group: string, kind: string): string | undefined {
  const known = CONFIG_FILES.find((c) => c.group === group && c.kind === kind);
  if (known) return known.what;
  return CONFIG_GROUPS.some((pattern) => pattern.test(group)) ? `a configuration file of a Kubernetes component (${group})` : undefined;
}

/**
 * What to say about an apiVersion/kind with no schema: a configuration file (warning), a wrong
 * version of a built-in kind or a typo in a built-in group (errors), or a custom resource whose
 * CRD is not in the input (warning).
 */
export function reportUnknownKind(report: IssueReporter, apiVersion: string, kind: string): void {
  const group = groupOf(apiVersion);
  const config = configFileOf(group, kind);
  if (config) {
    report.add('unknown-kind', ['kind'], `${config}, not an API object: not validated`, { severity: 'warning', hint: 'kcc validates objects that are applied to a cluster' });
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
