import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { KccError, KccErrors } from '../core/errors.js';

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object, file: string): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  ajv ??= createAjv();
  try {
    const fresh = ajv.compile(schema);
    compiled.set(schema, fresh);
    return fresh;
  } catch (error) {
    throw new KccError(`values.schema.json is not a valid JSON Schema: ${(error as Error).message}`, { location: { kind: 'yaml', file } });
  }
}

function createAjv(): Ajv {
  // strict: false because chart schemas in the wild carry editor hints (e.g. "form": true).
  const instance = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is CommonJS; under NodeNext its default import is the module object.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => void;
  addFormats(instance);
  return instance;
}

/**
 * Checks a chart's final values against its values.schema.json before anything is rendered.
 * Each violation names the value path and the rule it breaks.
 */
export function validateChartValues(values: object, schema: { path: string; schema: object }, chartName: string): void {
  const validate = validatorFor(schema.schema, schema.path);
  if (validate(values)) return;
  const errors = (validate.errors ?? []).map((error) => toKccError(error, schema.path));
  throw new KccErrors(`values of chart "${chartName}" do not match ${schema.path} (${errors.length} problem${errors.length === 1 ? '' : 's'})`, errors);
}

function toKccError(error: ErrorObject, file: string): KccError {
  const path = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  let field = ['Values', ...path].map((part, index) => (index > 0 && /^\d+$/.test(part) ? `[${part}]` : part)).join('.').replace(/\.\[/g, '[');
  let message = `${error.message ?? 'is invalid'} (${error.keyword})`;
  if (error.keyword === 'additionalProperties') message = `unknown key "${(error.params as { additionalProperty: string }).additionalProperty}" (additionalProperties)`;
  if (error.keyword === 'required') field = `${field}.${(error.params as { missingProperty: string }).missingProperty}`;
  if (error.keyword === 'enum') message = `must be one of ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)} (enum)`;
  return new KccError(message, { location: { kind: 'yaml', file }, field });
}
