import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBuild } from '../../../src/cli/run/build.js';
import { project } from './fixture.js';

const dir = (): string =>
  project({
    'kustomization.yaml': 'resources: [cm.yaml]\npatches:\n- target: {kind: Deployment, name: absent}\n  patch: \'[{"op": "add", "path": "/x", "value": 1}]\'\n',
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
  });

type BuildCommand = Parameters<typeof runBuild>[0];
const command = (path: string, strict: boolean): BuildCommand =>
  ({ args: { dir: path }, flags: { output: 'yaml', 'load-restrictor': 'rootOnly', strict } }) as unknown as BuildCommand;

describe('kcc build and a patch that selects nothing', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the objects and a warning on stderr by default', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await runBuild(command(dir(), false));
    expect(stdout.mock.calls.map((call) => String(call[0])).join('')).toContain('name: c');
    expect(stderr.mock.calls.map((call) => String(call[0])).join('')).toMatch(/^warning: .*kustomization\.yaml:3: patch patches\[0\] matches nothing/);
  });

  it('fails with --strict', async () => {
    await expect(runBuild(command(dir(), true))).rejects.toThrow(/patches\[0\] matches nothing/);
  });
});
