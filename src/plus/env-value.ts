import type { EnvVar, EnvVarSource } from '../k8s/core-v1.js';

/** Anything with a name that pods can refer to: a ConfigMap or Secret from kcc, or a name. */
export interface NamedRef {
  readonly name: string;
}

/**
 * The value of one environment variable, from the factories below:
 * `EnvValue.fromValue('info')`, `EnvValue.fromConfigMap(config, 'LOG_LEVEL')`,
 * `EnvValue.fromSecret(secret, 'password')`, `EnvValue.fromField('metadata.name')`.
 */
export class EnvValue {
  static fromValue(value: string): EnvValue {
    return new EnvValue(value, undefined);
  }

  /** `valueFrom.configMapKeyRef` @default optional: false (the pod does not start without it) */
  static fromConfigMap(configMap: NamedRef | string, key: string, options: { optional?: boolean } = {}): EnvValue {
    return new EnvValue(undefined, { configMapKeyRef: { name: nameOf(configMap), key, ...(options.optional !== undefined ? { optional: options.optional } : {}) } });
  }

  /** `valueFrom.secretKeyRef` @default optional: false */
  static fromSecret(secret: NamedRef | string, key: string, options: { optional?: boolean } = {}): EnvValue {
    return new EnvValue(undefined, { secretKeyRef: { name: nameOf(secret), key, ...(options.optional !== undefined ? { optional: options.optional } : {}) } });
  }

  /** `valueFrom.fieldRef`: the pod's own metadata or status (`metadata.name`, `status.podIP`). */
  static fromField(fieldPath: string): EnvValue {
    return new EnvValue(undefined, { fieldRef: { fieldPath } });
  }

  /** `valueFrom.resourceFieldRef`: a container's request or limit (`limits.memory`). */
  static fromResource(resource: string, containerName?: string): EnvValue {
    return new EnvValue(undefined, { resourceFieldRef: { resource, ...(containerName ? { containerName } : {}) } });
  }

  private constructor(
    readonly value: string | undefined,
    readonly valueFrom: EnvVarSource | undefined,
  ) {}

  toEnvVar(name: string): EnvVar {
    return this.valueFrom ? { name, valueFrom: this.valueFrom } : { name, value: this.value };
  }
}

export function nameOf(ref: NamedRef | string): string {
  return typeof ref === 'string' ? ref : ref.name;
}

/** `env` entries from a record whose values are strings or EnvValues, in the record's order. */
export function envVars(env: Record<string, string | EnvValue>): EnvVar[] {
  return Object.entries(env).map(([name, value]) => (typeof value === 'string' ? EnvValue.fromValue(value) : value).toEnvVar(name));
}
