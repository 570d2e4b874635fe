// Writes schemas/openapi/<version>/api-resources.json from the snapshot's OpenAPI v3 documents.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveApiResources, readOpenApiV3Documents, snapshotDir, API_RESOURCES_FILE } from '../dist/schema/api-resources.js';

const dir = snapshotDir();
const table = deriveApiResources(readOpenApiV3Documents(dir));
writeFileSync(join(dir, API_RESOURCES_FILE), JSON.stringify(table, null, 1) + '\n');
console.log(`${Object.keys(table).length} kinds -> ${join(dir, API_RESOURCES_FILE)}`);
