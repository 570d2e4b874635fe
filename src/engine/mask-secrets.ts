import type { KubeObject } from '../core/kube-object.js';

export const MASK = '***';

/**
 * Copies of objects with Secret values hidden, for anything shown to people or machines (diff,
 * history, logs, --output). Values that differ between two versions are masked differently, so a
 * diff still says *that* a value changed without saying what it is.
 */
export function maskSecret<T extends KubeObject | undefined>(object: T, other?: KubeObject, side: 'before' | 'after' = 'after'): T {
  if (!object || object.kind !== 'Secret' || object.apiVersion !== 'v1') return object;
  const copy: any = { ...object };
  for (const key of ['data', 'stringData'] as const) {
    const values = object[key] as Record<string, string> | undefined;
    if (!values || typeof values !== 'object') continue;
    const otherValues = (other?.[key] ?? (key === 'data' ? undefined : other?.data)) as Record<string, string> | undefined;
    copy[key] = Object.fromEntries(
      Object.keys(values).map((name) => [name, otherValues && name in otherValues && otherValues[name] !== values[name] ? `${MASK} (${side === 'before' ? 'old' : 'new'} value)` : MASK]),
    );
  }
  // The last-applied annotation kubectl writes holds the whole Secret in clear text.
  const annotations = object.metadata?.annotations;
  if (annotations?.['kubectl.kubernetes.io/last-applied-configuration']) {
    copy.metadata = { ...object.metadata, annotations: { ...annotations, 'kubectl.kubernetes.io/last-applied-configuration': MASK } };
  }
  return copy as T;
}

export function maskSecrets(objects: KubeObject[]): KubeObject[] {
  return objects.map((o) => maskSecret(o));
}

/**
 * Scrubs Secret values out of free text (a server error message can quote a rejected value):
 * every value of every given Secret, in plain and base64 form, becomes the mask.
 */
export function scrubSecretValues(text: string, objects: KubeObject[]): string {
  let result = text;
  for (const object of objects) {
    if (object.kind !== 'Secret') continue;
    const values = [...Object.values((object.data as Record<string, string>) ?? {}), ...Object.values((object.stringData as Record<string, string>) ?? {})];
    for (const value of values) {
      if (typeof value !== 'string' || value.length < 4) continue;
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      for (const form of [value, decoded]) if (form.length >= 4) result = result.split(form).join(MASK);
    }
  }
  return result;
}
