#!/usr/bin/env node
// `npm run build:helm-engine`: builds (or finds in the cache) kcc-helm, Helm's template engine
// for Go-template charts (helmengine/). kcc also builds it on first use; CI builds it up front.
import { ensureHelmEngine } from '../dist/chart/go-template/engine-build.js';

const force = process.argv.includes('--force');
const path = await ensureHelmEngine({
  force,
  onProgress: (event) => console.log(event.elapsedMs === undefined ? `${event.step}${event.detail ? ` (${event.detail})` : ''}` : `${event.step} in ${(event.elapsedMs / 1000).toFixed(0)} s`),
});
console.log(path);
