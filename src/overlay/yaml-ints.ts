import type { ScalarTag } from 'yaml';

/**
 * Integers as go-yaml v3 (kustomize's reader) resolves plain scalars, beyond YAML 1.2's core
 * schema: YAML 1.1 octal (`0755`, as file modes are written), binary (`0b101`) and `_` digit
 * separators. kustomize prints these as decimal, so a manifest's `defaultMode: 0755` is 493.
 */
const LEGACY_INT = /^[-+]?(0[0-7_]+|0b[01_]+|[1-9][0-9]*(_[0-9]+)+)$/;

export function goYamlInt(text: string): number | undefined {
  if (!LEGACY_INT.test(text)) return undefined;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.replace(/^[-+]/, '').replaceAll('_', '');
  let value: number;
  if (digits.startsWith('0b')) value = parseInt(digits.slice(2), 2);
  else if (digits.startsWith('0')) value = parseInt(digits, 8);
  else value = Number(digits);
  return Number.isSafeInteger(value) ? sign * value : undefined;
}

/** The same rule for the `yaml` library's parser (the full reader behind the fast one). */
export const GO_YAML_INT_TAG: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  format: 'GO',
  test: LEGACY_INT,
  identify: () => false,
  resolve: (text: string) => goYamlInt(text) ?? text,
};
