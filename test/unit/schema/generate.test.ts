import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot, readKubernetesPin } from '../../../src/cluster/controlplane-pin.js';
import { snapshotDir } from '../../../src/schema/api-resources.js';
import { generateAll, SCHEMA_DIR, TYPESCRIPT_DIR } from '../../../src/schema/generate/generate-all.js';

describe('npm run gen', () => {
  it('regenerating from the pinned snapshot reproduces the committed files byte for byte', async () => {
    const version = readKubernetesPin().kubernetes;
    const files = await generateAll(snapshotDir(version), version);
    const committed = [SCHEMA_DIR, TYPESCRIPT_DIR].flatMap((dir) => readdirSync(join(packageRoot, dir)).map((name) => `${dir}/${name}`)).sort();
    expect(committed).toEqual([...files.keys()].sort());
    const different = [...files].filter(([path, content]) => readFileSync(join(packageRoot, path), 'utf8') !== content).map(([path]) => path);
    expect(different, 'run `npm run build && npm run gen` and commit the result').toEqual([]);
  }, 120_000);
});
