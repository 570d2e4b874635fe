import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { Construct, type IConstruct } from 'constructs';
import type { AsyncObjectSource } from '../core/async-object-source.js';
import { findChartContext } from '../core/chart-context.js';
import { captureCreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import type { KubeObject, SourceLocation } from '../core/kube-object.js';
import { nameFromPath } from '../core/names.js';

export interface DataObjectProps {
  /** @default derived from the construct path, as for any object */
  readonly name?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

interface FileEntry {
  path: string;
  key: string;
}

/**
 * What ConfigMap and Secret share: literal entries and file entries. Files are read when the
 * app is synthesized (never in a constructor), relative to the TypeScript file that created the
 * object; each becomes one key named after the file, like `kubectl create configmap --from-file`.
 * Text goes to `data`, anything that is not valid UTF-8 to `binaryData` (ConfigMap) or is
 * base64-encoded like all Secret data.
 */
export abstract class DataObject extends Construct implements AsyncObjectSource {
  /** metadata.name: what pods refer to. */
  readonly name: string;
  /** Where the program created this object. */
  readonly location?: SourceLocation;
  protected readonly literals = new Map<string, string>();
  private readonly files: FileEntry[] = [];
  private readonly labels: Record<string, string>;
  private readonly annotations: Record<string, string>;

  protected constructor(scope: Construct, id: string, props: DataObjectProps = {}) {
    super(scope, id);
    this.location = captureCreationSite()?.location;
    const chart = findChartContext(this);
    if (!chart) throw new KccError(`${this.node.path} is not inside a Chart`, { location: this.location });
    this.name = props.name ?? nameFromPath(this.node.scopes.map((c) => c.node.id), { includeHash: !chart.disableResourceNameHashes });
    this.labels = { ...props.labels };
    this.annotations = { ...props.annotations };
  }

  /** Installed after the given constructs (objects, charts, or groups of them). */
  addDependency(...dependencies: IConstruct[]): this {
    this.node.addDependency(...dependencies);
    return this;
  }

  /** One key with a literal value (`--from-literal=key=value`). */
  addData(key: string, value: string): this {
    this.checkKey(key);
    this.literals.set(key, value);
    return this;
  }

  /** A file's content under its file name, or under `key` (`--from-file=[key=]path`). */
  addFile(path: string, key = basename(path)): this {
    this.checkKey(key);
    this.files.push({ path, key });
    return this;
  }

  /** Keys so far (file contents are read only at synth). */
  get keys(): string[] {
    return [...this.literals.keys(), ...this.files.map((f) => f.key)];
  }

  async resolveObjects(): Promise<KubeObject[]> {
    const entries = new Map<string, Buffer>();
    for (const [key, value] of this.literals) entries.set(key, Buffer.from(value, 'utf8'));
    const base = this.location?.kind === 'typescript' ? dirname(resolve(this.location.file)) : process.cwd();
    const contents = await Promise.all(
      this.files.map(async (file) => {
        const path = isAbsolute(file.path) ? file.path : resolve(base, file.path);
        try {
          return await readFile(path);
        } catch (error) {
          throw new KccError(`cannot read ${file.path} for ${this.kindName()} ${this.name}: ${(error as NodeJS.ErrnoException).code ?? error}`, { location: this.location });
        }
      }),
    );
    this.files.forEach((file, i) => entries.set(file.key, contents[i]!));
    const metadata: KubeObject['metadata'] = { name: this.name };
    if (Object.keys(this.labels).length) metadata.labels = { ...this.labels };
    if (Object.keys(this.annotations).length) metadata.annotations = { ...this.annotations };
    return [{ apiVersion: 'v1', kind: this.kindName(), metadata, ...this.body(entries) }];
  }

  protected abstract kindName(): 'ConfigMap' | 'Secret';
  /** The kind-specific fields (data, binaryData, type...) from the entries. */
  protected abstract body(entries: Map<string, Buffer>): Record<string, unknown>;

  private checkKey(key: string): void {
    if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
      throw new KccError(`"${key}" is not a valid ${this.kindName()} key`, { location: captureCreationSite()?.location, hint: 'keys may contain letters, digits, "-", "_" and "."' });
    }
    if (this.keys.includes(key)) throw new KccError(`${this.kindName()} ${this.name} already has a key "${key}"`, { location: captureCreationSite()?.location });
  }
}

/** True when the bytes are valid UTF-8 text (decoding and re-encoding gives them back). */
export function isUtf8Text(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}
