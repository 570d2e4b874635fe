import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes a chart (relative path -> content) into a fresh temporary directory; returns it. */
export function writeChart(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-chart-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export const CONFIGMAP_CHART = {
  'Chart.yaml': 'apiVersion: v2\nname: cfg\nversion: 1.0.0\n',
  'values.yaml': 'a: chart\nb: chart\nc: chart\nd: chart\ne: chart\nf: chart\nnested:\n  keep: chart\n  over: chart\nlist: [1, 2]\ngone: chart\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  values: {{quote (toJson Values)}}\n',
};
