/**
 * Files of the corpus the API server rejects and kcc accepts, each with the server rule kcc does
 * not check. This list may only shrink (apiserver-agreement.test.ts fails on a new entry and on an
 * entry kcc now catches).
 */
export const KNOWN_FALSE_NEGATIVES: { file: string; why: string }[] = [
  {
    file: 'kubernetes-examples/_archived/sysdig-cloud/sysdig-rc.yaml',
    why: 'a ReplicationController needs spec.selector or spec.template.metadata.labels',
  },
  {
    file: 'website/content/en/examples/pods/resource/pod-level-pid-limit.yaml',
    why: 'pod-level spec.resources takes only standard resource names (cpu, memory, hugepages-*)',
  },
];
