import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { KccError } from '../core/errors.js';
import { toChartMetadata, type ChartMetadata } from './chart-metadata.js';
import { isPlainMap, type Values } from './values.js';
import { parseFastYaml } from '../core/fast-yaml.js';
import { parseYamlDocument } from './yaml-parse.js';

/** A file of a chart: where it is (for messages) and its text. */
export interface ChartFile {
  /** The path shown in messages: the chart directory as given, joined with the file's place in it. */
  path: string;
  /** Helm's Template.Name: "<chart>/templates/deployment.yaml". */
  name: string;
  source: string;
}

/** A chart directory read into memory, with its subcharts from charts/, not yet rendered. */
export interface LoadedChart {
  dir: string;
  metadata: ChartMetadata;
  defaults: Values;
  schema?: { path: string; schema: object };
  templates: ChartFile[];
  partials: ChartFile[];
  notes?: ChartFile;
  crds: ChartFile[];
  /** Every chart under charts/ (directories), keyed by nothing: dependencies pick them by name. */
  subcharts: LoadedChart[];
}

const TEMPLATE_FILE = /\.(ya?ml|json)$/;

/** Reads a chart directory (Helm's layout) and, recursively, its charts/ subdirectories. */
export async function loadChart(chartPath: string): Promise<LoadedChart> {
  // A packaged chart (`helm package` output) is read from a copy unpacked into kcc's cache.
  const dir = /\.(tgz|tar\.gz)$/.test(chartPath) && existsSync(chartPath) && (await stat(chartPath)).isFile() ? await (await import('./packaged-chart.js')).unpackChart(chartPath) : chartPath;
  const chartFile = join(dir, 'Chart.yaml');
  if (!existsSync(chartFile)) {
    throw new KccError(`${dir} is not a chart: it has no Chart.yaml`, { hint: 'create one with `kcc chart new NAME`' });
  }
  const metadata = toChartMetadata(await readYamlFile(chartFile), chartFile);
  const valuesFile = join(dir, 'values.yaml');
  const defaults = existsSync(valuesFile) ? await readValuesFile(valuesFile) : {};
  const schemaFile = join(dir, 'values.schema.json');
  const schema = existsSync(schemaFile) ? { path: schemaFile, schema: await readJsonFile(schemaFile) } : undefined;

  const templateDir = join(dir, 'templates');
  const templateFiles = existsSync(templateDir) ? await listFiles(templateDir) : [];
  const read = async (file: string): Promise<ChartFile> => ({
    path: file,
    name: `${metadata.name}/${relative(dir, file).split(sep).join('/')}`,
    source: await readFile(file, 'utf8'),
  });
  const isPartial = (file: string): boolean => relative(templateDir, file).split(sep).at(-1)!.startsWith('_');
  const templates = await Promise.all(templateFiles.filter((f) => !isPartial(f) && TEMPLATE_FILE.test(f)).map(read));
  const partials = await Promise.all(templateFiles.filter(isPartial).map(read));
  const notesFile = [join(templateDir, 'NOTES.txt'), join(dir, 'NOTES.txt')].find((file) => existsSync(file));
  const notes = notesFile ? await read(notesFile) : undefined;

  const crdDir = join(dir, 'crds');
  const crds = existsSync(crdDir) ? await Promise.all((await listFiles(crdDir)).filter((f) => TEMPLATE_FILE.test(f)).map(read)) : [];

  const subchartDir = join(dir, 'charts');
  const subcharts: LoadedChart[] = [];
  if (existsSync(subchartDir)) {
    for (const entry of (await readdir(subchartDir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) subcharts.push(await loadChart(join(subchartDir, entry.name)));
      // What `helm dependency build` downloads.
      else if (/\.tgz$|\.tar\.gz$/.test(entry.name)) subcharts.push(await loadChart(join(subchartDir, entry.name)));
    }
  }
  return { dir, metadata, defaults, schema, templates, partials, notes, crds, subcharts };
}

/** Local dependencies given as `repository: file://../path` are loaded from there. */
export async function loadChartFromRepository(parentDir: string, repository: string): Promise<LoadedChart | undefined> {
  if (!repository.startsWith('file://')) return undefined;
  const dir = resolve(parentDir, repository.slice('file://'.length));
  if (!existsSync(dir) || !(await stat(dir)).isDirectory()) return undefined;
  return loadChart(relative(process.cwd(), dir) || '.');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? dir, entry.name))
    .sort();
}

/** A YAML file whose parse errors point at file:line:column. */
export async function readYamlFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  // Large generated values files are common; the fast reader takes them when it can.
  const fast = parseFastYaml(text.split('\n'));
  if (fast !== undefined) return fast;
  const document = parseYamlDocument(text);
  const error = document.errors[0];
  if (error) {
    const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [undefined, undefined];
    throw new KccError(`invalid YAML: ${error.message.split('\n')[0]}`, { location: { kind: 'yaml', file, line, column } });
  }
  return document.toJS({ maxAliasCount: 100 });
}

/** A values file: a YAML map (an empty file is an empty map). */
export async function readValuesFile(file: string): Promise<Values> {
  const value = await readYamlFile(file);
  if (value === null || value === undefined) return {};
  if (!isPlainMap(value)) throw new KccError('a values file must hold a YAML map at the top level', { location: { kind: 'yaml', file } });
  return value;
}

async function readJsonFile(file: string): Promise<object> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text) as object;
  } catch (error) {
    throw new KccError(`invalid JSON: ${(error as Error).message}`, { location: { kind: 'yaml', file } });
  }
}
