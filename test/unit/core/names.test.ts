import { ApiObject as Cdk8sApiObject, App as Cdk8sApp, Chart as Cdk8sChart, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { App, Chart } from '../../../src/core/index.js';
import { ApiObject } from '../../../src/core/api-object.js';
import { constructAddress, labelValueFromPath, nameFromPath } from '../../../src/core/names.js';

// The real cdk8s (the devDependency) is the reference: kcc's names must be the same.
const IDS = ['web', 'Frontend', 'Default', 'Resource', 'db', 'db', 'my_App', 'A.B', 'a b/c', 'UPPER', '-dash-', 'x'.repeat(70), 'résumé', '1', 'resource-thing'];

function scopeIds(construct: Construct): string[] {
  return construct.node.scopes.map((c) => c.node.id);
}

/** Every path of up to three ids from IDS below a root (ids unique per parent, as constructs requires). */
function constructTree(): Construct[] {
  const root = new Construct(undefined as unknown as Construct, '');
  const all: Construct[] = [];
  const grow = (parent: Construct, depth: number): void => {
    for (const [i, id] of IDS.entries()) {
      if (parent.node.tryFindChild(id.replace(/\//g, '--'))) continue;
      const child = new Construct(parent, id);
      all.push(child);
      if (depth < 2 && i % 3 === depth) grow(child, depth + 1);
    }
  };
  grow(root, 0);
  return all;
}

describe('nameFromPath (cdk8s Names.toDnsLabel)', () => {
  const tree = constructTree();

  it('gives the names cdk8s gives, for every path in a varied tree', () => {
    expect(tree.length).toBeGreaterThan(100);
    for (const construct of tree) expect(nameFromPath(scopeIds(construct)), construct.node.path).toBe(Names.toDnsLabel(construct));
  });

  it('follows cdk8s with options: no hash, short maximum, extra components, another delimiter', () => {
    for (const construct of tree.slice(0, 60)) {
      const ids = scopeIds(construct);
      expect(nameFromPath(ids, { includeHash: false })).toBe(Names.toDnsLabel(construct, { includeHash: false }));
      expect(nameFromPath(ids, { maxLength: 20 })).toBe(Names.toDnsLabel(construct, { maxLen: 20 }));
      expect(nameFromPath(ids, { extra: ['extra', 'Part'] })).toBe(Names.toDnsLabel(construct, { extra: ['extra', 'Part'] }));
      expect(nameFromPath(ids, { delimiter: '.' })).toBe(Names.toDnsLabel(construct, { delimiter: '.' }));
    }
  });

  it('follows cdk8s for label values', () => {
    for (const construct of tree) expect(labelValueFromPath(scopeIds(construct)), construct.node.path).toBe(Names.toLabelValue(construct));
    for (const construct of tree.slice(0, 40)) expect(labelValueFromPath(scopeIds(construct), { delimiter: '_', maxLength: 30 })).toBe(Names.toLabelValue(construct, { delimiter: '_', maxLen: 30 }));
  });

  it('hashes the address constructs computes (node.addr), which skips Default ids', () => {
    for (const construct of tree) expect(constructAddress(scopeIds(construct))).toBe(construct.node.addr);
  });

  it('never exceeds the limit, keeps the hash, and rejects a limit shorter than the hash', () => {
    const long = nameFromPath(['', 'x'.repeat(100), 'y'.repeat(100)]);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^y+-c8[0-9a-f]{6}$/);
    expect(() => nameFromPath(['', 'a'], { maxLength: 5 })).toThrow(/minimum max length/);
  });
});

describe("kcc's objects are named as cdk8s names them", () => {
  it('derives the same names in the same tree, CronJobs cut at 52 characters, hashes optional', () => {
    const kccApp = new App();
    const cdk8sApp = new Cdk8sApp();
    const cases: [string, string, boolean][] = [
      ['web', 'Deployment', false],
      ['web', 'a-cron-job-with-an-id-long-enough-to-be-cut-at-fifty-two-chars', false],
      ['plain', 'Service', true],
    ];
    for (const [chartId, id, disableResourceNameHashes] of cases) {
      const kind = id.includes('cron') ? 'CronJob' : 'ConfigMap';
      const kccChart = new Chart(kccApp, `${chartId}-${id.length}`, { disableResourceNameHashes });
      const cdk8sChart = new Cdk8sChart(cdk8sApp, `${chartId}-${id.length}`, { disableResourceNameHashes });
      const ours = new ApiObject(new Construct(kccChart, 'Group'), id, { apiVersion: 'v1', kind });
      const theirs = new Cdk8sApiObject(new Construct(cdk8sChart, 'Group'), id, { apiVersion: 'v1', kind });
      expect(ours.name).toBe(theirs.name);
    }
  });
});
