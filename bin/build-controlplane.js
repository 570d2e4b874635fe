#!/usr/bin/env node
// `npm run build:controlplane`: builds (or finds in the cache) the bundled control-plane binary.
import { buildControlplane } from '../dist/cluster/local/controlplane-build.js';

const force = process.argv.includes('--force');
const path = await buildControlplane({
  force,
  onProgress: (event) => console.log(event.elapsedMs === undefined ? `${event.step}${event.detail ? ` (${event.detail})` : ''}` : `${event.step} in ${(event.elapsedMs / 1000).toFixed(0)} s`),
});
console.log(path);
