/**
 * Helm's hook annotations (https://helm.sh/docs/topics/charts_hooks/). An object carrying
 * `helm.sh/hook` is not an ordinary member of its release: `kcc apply`, `rollback`, `destroy` and
 * `test` create it at the named points of the release's life, wait for it to finish and delete it
 * by its delete policy. The same annotations work from Helm charts, Handlebars charts, plain
 * manifests and TypeScript constructs (through `hook()` in hook.ts). Kept apart from hook.ts so
 * the engine reads them without loading the construct classes (start-up time of every command).
 */
export const HOOK_ANNOTATION = 'helm.sh/hook';
export const HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';
export const HOOK_DELETE_POLICY_ANNOTATION = 'helm.sh/hook-delete-policy';

export const HOOK_PHASES = ['pre-install', 'post-install', 'pre-upgrade', 'post-upgrade', 'pre-rollback', 'post-rollback', 'pre-delete', 'post-delete', 'test'] as const;
export type HookPhase = (typeof HOOK_PHASES)[number];

export const HOOK_DELETE_POLICIES = ['before-hook-creation', 'hook-succeeded', 'hook-failed'] as const;
export type HookDeletePolicy = (typeof HOOK_DELETE_POLICIES)[number];
