import * as Flags from '@oclif/core/flags';

/** Which release, where: shared by apply, diff, history, status, rollback and destroy. */
export const releaseFlags = {
  release: Flags.string({ char: 'r', description: 'release name (default: name in kcc.yaml, else the program folder or manifest file name, else the current folder)' }),
  namespace: Flags.string({ char: 'n', description: 'namespace of the release records and default namespace of objects (default: the environment\'s, else the kubeconfig context\'s, else "default")' }),
  env: Flags.string({ char: 'e', description: 'environment from kcc.yaml (its cluster is used, and started when local)' }),
  dir: Flags.string({ char: 'C', description: 'project directory (where kcc.yaml is)', default: '.' }),
  kubeconfig: Flags.string({ description: 'kubeconfig file (default: the environment\'s cluster, else $KUBECONFIG or ~/.kube/config)' }),
  context: Flags.string({ description: 'kubeconfig context' }),
  cluster: Flags.string({ description: 'bundled local cluster to use (started when not running)' }),
  'retry-timeout': Flags.string({ description: 'how long to retry when the API server is unreachable or overloaded (connection refused/reset, 429, 5xx); 0 disables', default: '30s' }),
};

/** Who may own what an apply writes, and which namespaces it may create: shared by apply and diff. */
export const ownershipFlags = {
  adopt: Flags.boolean({ description: 'manage objects that already exist and belong to no release (a Namespace adopted this way is never deleted by kcc)', default: false }),
  'take-ownership': Flags.boolean({ description: 'take objects that belong to another release or ApplySet (recorded in the revision)', default: false }),
  'create-namespace': Flags.boolean({ description: 'create the release namespace and the namespaces objects need when missing (kept on destroy)', default: false }),
};

/** What to deploy: a kcc.yaml project (with --env), a TypeScript program (-a) or plain manifests (-f). */
export const sourceFlags = {
  app: Flags.string({ char: 'a', description: 'TypeScript program that creates an App' }),
  filename: Flags.string({ char: 'f', description: 'plain YAML/JSON manifests: a file or directory (repeatable)', multiple: true }),
  set: Flags.string({ description: 'chart value, key=value (repeatable)', multiple: true }),
  values: Flags.string({ description: 'chart values file (repeatable)', multiple: true }),
};

/** "90s", "5m", "1h30m" or plain seconds → milliseconds. */
export function parseDuration(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(re)) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
    total += Number(match[1]) * unit;
    consumed += match[0].length;
  }
  if (!consumed || consumed !== text.length) throw new Error(`invalid duration "${text}" (use e.g. 90s, 5m, 1h)`);
  return total;
}

/** For commands that do not deploy: -a/-f only name the release the way apply would by default. */
export const releaseNameHintFlags = {
  app: Flags.string({ char: 'a', description: 'the program apply used (names the release as apply did)' }),
  filename: Flags.string({ char: 'f', description: 'the manifests apply used (names the release as apply did)', multiple: true }),
};
