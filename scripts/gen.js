// `npm run gen`: regenerates schemas/k8s/ and src/k8s/ from the pinned OpenAPI snapshot.
// Runs the compiled generator (dist/), so `npm run build` must have run once.
import { packageRoot, readKubernetesPin } from '../dist/cluster/controlplane-pin.js';
import { snapshotDir } from '../dist/schema/api-resources.js';
import { generateAll, writeGenerated } from '../dist/schema/generate/generate-all.js';

const started = Date.now();
const version = readKubernetesPin().kubernetes;
const files = await generateAll(snapshotDir(version), version);
writeGenerated(packageRoot, files);
let bytes = 0;
for (const content of files.values()) bytes += Buffer.byteLength(content);
console.log(`kcc gen: Kubernetes ${version}: ${files.size} files, ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
