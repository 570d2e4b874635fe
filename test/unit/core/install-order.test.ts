import { describe, expect, it } from 'vitest';
import { INSTALL_ORDER, installOrderRank, sortForInstall } from '../../../src/core/install-order.js';

describe('install order', () => {
  it("follows Helm's table, unknown kinds last", () => {
    expect(INSTALL_ORDER.slice(0, 3)).toEqual(['Namespace', 'NetworkPolicy', 'ResourceQuota']);
    expect(installOrderRank('CustomResourceDefinition')).toBeLessThan(installOrderRank('ClusterRole'));
    expect(installOrderRank('Service')).toBeLessThan(installOrderRank('Deployment'));
    expect(installOrderRank('MyCustomThing')).toBe(INSTALL_ORDER.length);
  });

  it('is stable within a rank and accepts tracked objects', () => {
    const objects = ['Deployment/a', 'Widget/w', 'Service/s', 'Deployment/b', 'Namespace/n'].map((id) => {
      const [kind, name] = id.split('/');
      return { object: { apiVersion: 'v1', kind: kind!, metadata: { name } }, source: { kind: 'generated' as const, file: '' }, touchedBy: [] };
    });
    expect(sortForInstall(objects).map((t) => `${t.object.kind}/${t.object.metadata.name}`)).toEqual(['Namespace/n', 'Service/s', 'Deployment/a', 'Deployment/b', 'Widget/w']);
  });
});
