import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_VALIDATORS_FILE, builtinValidator } from '../../../src/schema/builtin-validators.js';
import { loadKindSchema } from '../../../src/schema/schema-store.js';
import { validatorFor, type ErrorObject } from '../../../src/schema/schema-validator.js';
import { useTemporaryCacheDir } from '../../helpers/temporary-cache-dir.js';

/** What convertError reads of an ajv error, without the schema objects (equal, not identical). */
function essentials(errors: ErrorObject[] | null | undefined): unknown[] {
  return (errors ?? []).map(({ instancePath, keyword, params, message, schemaPath, data }) => ({ instancePath, keyword, params, message, schemaPath, data }));
}

const INVALID: [string, unknown][] = [
  ['apps/v1/Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 'two', selector: {}, template: { spec: { containers: [{ name: 'a', imagee: 'x', ports: [{ containerPort: '80' }] }] } } } }],
  ['v1/Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'Nodeport', ports: [{ port: 80, targetPort: true }] } }],
  ['batch/v1/CronJob', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: 1, jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{}] } } } } } }],
  ['v1/ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 1 } }],
];

// `npm run build` writes the module; running from source without it, kcc compiles per kind (tested elsewhere).
describe.runIf(existsSync(BUILTIN_VALIDATORS_FILE))('built-in kinds validated from the module the build compiles', () => {
  useTemporaryCacheDir('all');

  it.each(INVALID)('%s: the same errors as the validator compiled for the kind alone', (key, object) => {
    const built = builtinValidator(key)!;
    const alone = validatorFor(`test:${key}`, () => loadKindSchema(key.slice(0, key.lastIndexOf('/')), key.slice(key.lastIndexOf('/') + 1))!, { sharedDefinitions: true });
    if (alone instanceof Error) throw alone;
    expect(built(object)).toBe(false);
    expect(alone(object)).toBe(false);
    expect(essentials(built.errors)).toEqual(essentials(alone.errors));
    expect(built.errors!.length).toBeGreaterThan(0);
  });

  it('holds every kind of the schema index and nothing for unknown ones', () => {
    expect(typeof builtinValidator('apps/v1/StatefulSet')).toBe('function');
    expect(builtinValidator('example.com/v1/Widget')).toBeUndefined();
  });
});
