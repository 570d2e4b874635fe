import { spawn } from 'node:child_process';
import { KccError } from '../../core/errors.js';
import { ensureHelmEngine, type EngineBuildProgress } from './engine-build.js';

/** One `helm template` run, as kcc-helm reads it (helmengine/cmd/kcc-helm/protocol.go). */
export interface EngineRelease {
  /** Chart directory or packaged chart (.tgz), absolute or relative to the current directory. */
  chart: string;
  releaseName: string;
  namespace?: string;
  /** Under every file and flag (kcc's environment values). */
  values?: Record<string, unknown>;
  valueFiles?: string[];
  setJSON?: string[];
  set?: string[];
  setString?: string[];
  setLiteral?: string[];
  setFile?: string[];
  isUpgrade?: boolean;
  kubeVersion?: string;
  apiVersions?: string[];
  skipSchemaValidation?: boolean;
  /** A kubeconfig makes `lookup` read that cluster; without it `lookup` finds nothing, as in `helm template`. */
  kubeconfig?: string;
  kubeContext?: string;
}

export interface EngineManifest {
  /** Helm's "# Source:" path: "<chart>/templates/<file>" or "<chart>/crds/<file>". */
  path: string;
  content: string;
}

export interface EngineHook extends EngineManifest {
  name: string;
  kind: string;
  events: string[];
  weight: number;
  deletePolicies: string[];
}

export interface EngineError {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  expression?: string;
  kind: 'template' | 'yaml' | 'values' | 'dependency' | 'chart' | 'other';
}

export interface EngineResult {
  chart?: { apiVersion?: string; name: string; version: string; appVersion?: string; type?: string; description?: string; kubeVersion?: string };
  manifests: EngineManifest[];
  hooks: EngineHook[];
  crds: EngineManifest[];
  notes?: string;
  values?: Record<string, unknown>;
  error?: EngineError;
}

interface EngineResponse {
  helm: string;
  results: EngineResult[];
}

export interface EngineRunOptions {
  onProgress?: (event: EngineBuildProgress) => void;
}

/** Renders releases with one kcc-helm process; results come back in request order. */
export async function runHelmEngine(releases: EngineRelease[], options: EngineRunOptions = {}): Promise<EngineResult[]> {
  if (releases.length === 0) return [];
  const binary = await ensureHelmEngine({ onProgress: options.onProgress ?? defaultProgress });
  const output = await runProcess(binary, JSON.stringify({ releases }));
  let response: EngineResponse;
  try {
    response = JSON.parse(output) as EngineResponse;
  } catch (error) {
    throw new KccError(`the Helm template engine answered with something that is not JSON: ${(error as Error).message}`, { hint: `rebuild it with \`npm run build:helm-engine -- --force\`` });
  }
  if (response.results?.length !== releases.length) throw new KccError(`the Helm template engine returned ${response.results?.length ?? 0} results for ${releases.length} releases`);
  return response.results;
}

let pending: { release: EngineRelease; resolve: (result: EngineResult) => void; reject: (error: unknown) => void }[] = [];
let scheduled = false;

/**
 * Renders one release, sharing an engine process with every other release asked for in the same
 * turn of the event loop: a project or an app with many Helm charts starts kcc-helm once, and the
 * engine renders them in parallel.
 */
export function renderWithHelmEngine(release: EngineRelease): Promise<EngineResult> {
  return new Promise((resolve, reject) => {
    pending.push({ release, resolve, reject });
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      const batch = pending;
      pending = [];
      scheduled = false;
      runHelmEngine(batch.map((item) => item.release)).then(
        (results) => batch.forEach((item, index) => item.resolve(results[index]!)),
        (error: unknown) => batch.forEach((item) => item.reject(error)),
      );
    });
  });
}

function defaultProgress(event: EngineBuildProgress): void {
  const detail = event.detail ? ` (${event.detail})` : '';
  const took = event.elapsedMs === undefined ? '' : ` in ${(event.elapsedMs / 1000).toFixed(0)} s`;
  process.stderr.write(`kcc: ${event.step}${took}${detail}\n`);
}

function runProcess(binary: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => reject(new KccError(`cannot run the Helm template engine ${binary}: ${error.message}`, { hint: 'rebuild it with `npm run build:helm-engine -- --force`' })));
    child.on('close', (code) => {
      const errors = Buffer.concat(stderr).toString('utf8').trim();
      if (code !== 0) reject(new KccError(`the Helm template engine failed (exit ${code}): ${errors || 'no message'}`));
      else resolve(Buffer.concat(stdout).toString('utf8'));
    });
    child.stdin.on('error', () => undefined); // an early exit is reported by 'close'
    child.stdin.end(input);
  });
}
