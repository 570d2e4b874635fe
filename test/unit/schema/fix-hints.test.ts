import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_FIXES, typeMismatchHint } from '../../../src/schema/fix-hints.js';
import { GENERATED_SCHEMA_DIR } from '../../../src/schema/schema-store.js';
import { validateObjects } from '../../../src/schema/validate-objects.js';

describe('fix hints', () => {
  it('name definitions that exist in the generated schemas (a snapshot update cannot orphan them)', () => {
    const all = readdirSync(GENERATED_SCHEMA_DIR).map((file) => readFileSync(join(GENERATED_SCHEMA_DIR, file), 'utf8')).join('\n');
    for (const fix of FIELD_FIXES) expect(all.includes(`"${fix.definition}"`), fix.definition).toBe(true);
  });

  it('explain an autoscaling/v1 field used in autoscaling/v2', () => {
    const [issue] = validateObjects([
      {
        object: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php-apache' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'php-apache' }, maxReplicas: 10, targetCPUUtilizationPercentage: 50 } },
        source: { kind: 'yaml', file: 'hpa.yaml', line: 1 },
        touchedBy: [],
      },
    ]);
    expect(issue).toMatchObject({ code: 'unknown-field', field: 'spec.targetCPUUtilizationPercentage' });
    expect(issue!.hint).toContain('averageUtilization');
  });

  it('read mistakes in what YAML made of a value', () => {
    expect(typeMismatchHint(['object'], 'app:nginx')).toContain('write "app: nginx"');
    expect(typeMismatchHint(['object'], '...')).toContain('placeholder');
    expect(typeMismatchHint(['array'], { a: 1 })).toContain('start each item with "- "');
    expect(typeMismatchHint(['integer'], '3')).toContain('remove the quotes');
    expect(typeMismatchHint(['string'], 420, '0644')).toBe('quote the value ("0644"): YAML reads it as a number (420), and this field takes a string');
  });
});
