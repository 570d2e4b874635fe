import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KccError } from '../core/errors.js';

// Loaded on first use: most programs never read or write YAML themselves.
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= require('yaml') as typeof import('yaml'));

/** YAML 1.1, as cdk8s: `0775` reads as octal, and the output suits older parsers. */
const YAML_VERSION = '1.1';
const MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024;

/** Reading and writing YAML, as cdk8s's `Yaml`. */
export class Yaml {
  /** @deprecated use `stringify(...docs)` */
  static formatObjects(docs: any[]): string {
    return Yaml.stringify(...docs);
  }

  static save(filePath: string, docs: any[]): void {
    writeFileSync(filePath, Yaml.stringify(...docs), { encoding: 'utf8' });
  }

  static stringify(...docs: any[]): string {
    return docs.map((doc) => (doc === undefined ? '\n' : yaml().stringify(doc, { keepUndefined: true, lineWidth: 0, version: YAML_VERSION }))).join('---\n');
  }

  /** Saves the documents to a new temporary file and returns its path. */
  static tmp(docs: any[]): string {
    const filePath = join(mkdtempSync(join(tmpdir(), 'cdk8s-')), 'temp.yaml');
    Yaml.save(filePath, docs);
    return filePath;
  }

  /** Every non-empty document of a YAML file or http(s) URL. */
  static load(urlOrFile: string): any[] {
    const documents = yaml().parseAllDocuments(readText(urlOrFile), { version: YAML_VERSION });
    const result: any[] = [];
    for (const document of Array.isArray(documents) ? documents : [documents]) {
      const error = document.errors[0];
      if (error) throw new KccError(`${urlOrFile}: malformed YAML: ${error.message.split('\n')[0]}`);
      const value = document.toJSON() as unknown;
      if (value == null) continue;
      if (Array.isArray(value) && value.length === 0) continue;
      if (typeof value === 'object' && Object.keys(value).length === 0) continue;
      result.push(value);
    }
    return result;
  }

  private constructor() {}
}

function readText(urlOrFile: string): string {
  if (/^https?:\/\//.test(urlOrFile)) {
    // The API is synchronous: fetch in a child process, as cdk8s does.
    const script = 'fetch(process.argv[1]).then(async (r) => { if (!r.ok) throw new Error(`HTTP ${r.status}`); process.stdout.write(await r.text()); }).catch((e) => { console.error(e.message); process.exit(1); })';
    try {
      return execFileSync(process.execPath, ['-e', script, urlOrFile], { encoding: 'utf8', maxBuffer: MAX_DOWNLOAD_BYTES, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
      throw new KccError(`cannot fetch ${urlOrFile}: ${stderr || (error as Error).message}`);
    }
  }
  try {
    return readFileSync(urlOrFile, 'utf8');
  } catch (error) {
    throw new KccError(`cannot read ${urlOrFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'a relative path is relative to the working directory, as in cdk8s',
    });
  }
}
