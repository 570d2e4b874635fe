import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../cluster/controlplane-pin.js';
import type { JsonSchema } from './schema-store.js';
import { validatorFor } from './schema-validator.js';
import type { ValidationIssue } from './validation-issue.js';

/**
 * Configuration files that are not API objects but that kcc validates like them, against schemas
 * generated from the Go types their tools decode them into (schemas/config/, written by
 * scripts/config-schemas). How strictly each tool reads its file decides what an unknown field is.
 */
export const CONFIG_SCHEMA_DIR = join(packageRoot, 'schemas', 'config');

interface ConfigFilePolicy {
  /** An unknown field is an error where the tool rejects it, a warning where the tool drops it. */
  unknownFields: 'error' | 'warning';
  /** Added to an unknown-field warning: what the tool does with the field. */
  unknownFieldNote?: string;
}

const POLICIES: Record<string, ConfigFilePolicy> = {
  // client-go's clientcmd decodes kubeconfig files without strict field checking.
  'v1/Config': { unknownFields: 'warning', unknownFieldNote: 'kubectl and client-go ignore it when loading the kubeconfig' },
  // kube-scheduler decodes --config strictly and refuses to start on an unknown field.
  'kubescheduler.config.k8s.io/v1/KubeSchedulerConfiguration': { unknownFields: 'error' },
};

export interface ConfigFileKind extends ConfigFilePolicy {
  key: string;
  schema: JsonSchema;
}

let index: Record<string, string> | null | undefined;
const kinds = new Map<string, ConfigFileKind | undefined>();

/** The configuration file kind kcc has a schema for, read on first use; undefined for any other kind. */
export function configFileKind(apiVersion: string, kind: string): ConfigFileKind | undefined {
  const key = `${apiVersion}/${kind}`;
  if (kinds.has(key)) return kinds.get(key);
  const file = configIndex()?.[key];
  const policy = POLICIES[key];
  const found = file && policy ? { key, ...policy, schema: JSON.parse(readFileSync(join(CONFIG_SCHEMA_DIR, file), 'utf8')) as JsonSchema } : undefined;
  kinds.set(key, found);
  return found;
}

function configIndex(): Record<string, string> | null {
  if (index !== undefined) return index;
  try {
    index = (JSON.parse(readFileSync(join(CONFIG_SCHEMA_DIR, 'index.json'), 'utf8')) as { kinds: Record<string, string> }).kinds;
  } catch {
    index = null;
  }
  return index;
}

export function configFileValidator(config: ConfigFileKind): ReturnType<typeof validatorFor> {
  return validatorFor(`config:${config.key}`, () => config.schema, { sharedDefinitions: false });
}

/** Issues as the tool reading the file would rank them: unknown fields it ignores become warnings. */
export function applyConfigFilePolicy(issues: ValidationIssue[], config: ConfigFileKind): void {
  if (config.unknownFields === 'error') return;
  for (const [i, issue] of issues.entries()) {
    if (issue.code !== 'unknown-field') continue;
    const note = config.unknownFieldNote ? `; ${config.unknownFieldNote}` : '';
    issues[i] = { ...issue, severity: 'warning', message: `${issue.message}${note}` };
  }
}
