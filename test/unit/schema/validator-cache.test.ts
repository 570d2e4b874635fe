import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTemporaryCacheDir } from '../../helpers/temporary-cache-dir.js';
import { loadCachedValidator, storeCachedValidator, validatorCacheKey } from '../../../src/schema/validator-cache.js';
import { validateObjects } from '../../../src/schema/validate-objects.js';

describe('validator cache', () => {
  const cacheDir = useTemporaryCacheDir('all');

  it('keys by schema content', () => {
    expect(validatorCacheKey('{"type":"string"}')).toBe(validatorCacheKey('{"type":"string"}'));
    expect(validatorCacheKey('{"type":"string"}')).not.toBe(validatorCacheKey('{"type":"number"}'));
  });

  it('stores standalone code and loads it back as a working validator', () => {
    const code = '"use strict";module.exports = validate;module.exports.default = validate;function validate(data){validate.errors = typeof data === "string" ? null : [{keyword:"type"}];return typeof data === "string";}';
    storeCachedValidator('abc', code);
    const validate = loadCachedValidator('abc')!;
    expect(validate('x')).toBe(true);
    expect(validate(1)).toBe(false);
    expect(loadCachedValidator('missing')).toBeUndefined();
  });

  it('writes the validators of kinds it compiles (a custom resource, with its CRD in the input)', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', names: { kind: 'Widget' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, schema: { openAPIV3Schema: { type: 'object', properties: { size: { type: 'integer' } } } } }] },
    };
    const source = { kind: 'yaml' as const, file: 'x.yaml' };
    validateObjects([
      { object: crd, source, touchedBy: [] },
      { object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, size: 3 }, source, touchedBy: [] },
    ]);
    expect(readdirSync(join(cacheDir(), 'validators')).filter((f) => f.endsWith('.cjs')).length).toBeGreaterThanOrEqual(1);
  });
});
