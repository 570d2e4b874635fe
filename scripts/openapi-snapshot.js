// `npm run openapi:snapshot`: starts a bundled cluster and saves the OpenAPI documents it serves
// under schemas/openapi/<k8s-version>/ (v3 per group-version, v2 whole, and the resource table).
// This snapshot is the single source of the generated schemas and typed constructs.
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalProvider } from '../dist/cluster/local/local-provider.js';
import { apiRequest } from '../dist/cluster/local/cluster-client.js';
import { pkiPaths } from '../dist/cluster/local/pki-paths.js';
import { readKubernetesPin } from '../dist/cluster/controlplane-pin.js';
import { deriveApiResources, snapshotDir, API_RESOURCES_FILE } from '../dist/schema/api-resources.js';

const name = 'kcc-openapi-snapshot';
const provider = new LocalProvider();
const info = await provider.up({ name, nodes: 0, onProgress: (e) => e.elapsedMs !== undefined && console.log(`  ${e.step}`) });
try {
  const pki = pkiPaths(provider.stateDir(name));
  const credentials = { server: info.server, ca: readFileSync(pki.caCert, 'utf8'), cert: readFileSync(pki.adminCert, 'utf8'), key: readFileSync(pki.adminKey, 'utf8') };
  const get = async (path) => {
    const result = await apiRequest(credentials, 'GET', path, undefined, 60_000);
    if (result.status !== 200) throw new Error(`GET ${path}: HTTP ${result.status}`);
    return JSON.parse(result.body);
  };
  const dir = snapshotDir(readKubernetesPin().kubernetes);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'v3'), { recursive: true });
  await mkdir(join(dir, 'v2'), { recursive: true });
  const index = await get('/openapi/v3');
  const documents = [];
  for (const path of Object.keys(index.paths).sort()) {
    const document = await get(`/openapi/v3/${path}`);
    documents.push(document);
    await writeFile(join(dir, 'v3', `${path.replace(/\//g, '__')}_openapi.json`), JSON.stringify(document, null, 2) + '\n');
  }
  await writeFile(join(dir, 'v2', 'swagger.json'), JSON.stringify(await get('/openapi/v2'), null, 2) + '\n');
  await writeFile(join(dir, API_RESOURCES_FILE), JSON.stringify(deriveApiResources(documents), null, 1) + '\n');
  console.log(`saved ${documents.length} OpenAPI v3 documents, v2 and ${API_RESOURCES_FILE} to ${dir}`);
} finally {
  await provider.down(name, { purge: true });
}
