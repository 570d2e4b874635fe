import { didYouMean, enumHint, findFieldBelow, knownFieldFix, typeMismatchHint } from './fix-hints.js';
import { formatPath, type IssueReporter } from './issue-reporter.js';
import type { JsonSchema } from './schema-store.js';
import { definitionNameOf, type ErrorObject } from './schema-validator.js';

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value === 'string' ? `string "${value.length > 40 ? value.slice(0, 40) + '…' : value}"` : `${typeof value} ${String(value)}`;
}

/** Turns one ajv error into an issue with a readable message and, when known, a fix. */
export function convertError(report: IssueReporter, error: ErrorObject, root: JsonSchema): void {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const parent = (error.parentSchema ?? {}) as JsonSchema;
      const allowed = Object.keys((parent.properties as object | undefined) ?? {});
      const parentName = definitionNameOf(parent);
      const original = parentName ? (root.$defs as Record<string, JsonSchema> | undefined)?.[parentName] : undefined;
      const below = findFieldBelow(root, original ?? parent, field);
      const hint =
        knownFieldFix(definitionNameOf(parent), field) ??
        didYouMean(field, allowed) ??
        (below ? `${field} belongs further down: ${formatPath(path)}${formatPath(path) ? '.' : ''}${below.replace(/\[\]/g, '[0]')}` : undefined) ??
        (allowed.length ? `allowed here: ${allowed.join(', ')}` : undefined);
      report.add('unknown-field', [...path, field], `unknown field "${field}"`, { hint, at: path, key: field });
      return;
    }
    case 'required': {
      const missing = String(params.missingProperty);
      report.add('missing-field', [...path, missing], `missing required field "${missing}"`, { at: path });
      return;
    }
    case 'type': {
      const expected = String(params.type).split(',');
      const hint = typeMismatchHint(expected, error.data, report.sourceText(path));
      report.add('wrong-type', path, `must be ${expected.join(' or ')}, not ${typeOf(error.data)}`, { hint });
      return;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      report.add('invalid-value', path, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(error.data)}`, { hint: enumHint(error.data, allowed) });
      return;
    }
    case 'const': {
      report.add('invalid-value', path, `must be ${JSON.stringify(params.allowedValue)}`);
      return;
    }
    case 'pattern': {
      const parent = (error.parentSchema ?? {}) as JsonSchema;
      if (parent.format === 'quantity') {
        report.add('invalid-value', path, `${JSON.stringify(error.data)} is not a quantity`, { hint: 'write a number with an optional unit: 500m or 0.5 (CPU), 128Mi or 1Gi (memory, storage)' });
      } else {
        report.add('invalid-value', path, `${JSON.stringify(error.data)} must match ${String(params.pattern)}`);
      }
      return;
    }
    case 'format': {
      const format = String(params.format);
      const hint = format === 'byte' ? 'this field takes base64-encoded data (for a Secret, put plain text under stringData instead)' : format === 'date-time' ? 'use an RFC 3339 time such as 2024-01-31T12:00:00Z' : undefined;
      report.add('invalid-value', path, `must be a valid ${format === 'byte' ? 'base64 string' : format}`, { hint });
      return;
    }
    default:
      report.add('invalid-value', path, error.message ?? `fails ${error.keyword}`);
  }
}
