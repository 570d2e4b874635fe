import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';

/**
 * Reads the files a kustomization names. Like kustomize's LoadRestrictionsRootOnly, a file must lie
 * inside the kustomization's own directory: a base can be anywhere (it is another kustomization
 * with its own root), but a patch or generator file cannot reach into a sibling folder unless the
 * user opts out (`--load-restrictor none`).
 */
export type LoadRestrictor = 'rootOnly' | 'none';

export class FileLoader {
  constructor(
    readonly root: string,
    readonly restrictor: LoadRestrictor,
  ) {}

  /** Absolute path of `path` relative to the root, refused when it escapes the root. */
  resolveFile(path: string, where?: SourceLocation, field?: string): string {
    const absolute = resolve(this.root, path);
    if (this.restrictor === 'rootOnly' && !isInside(this.root, absolute)) {
      throw new KccError(`'${path}' is outside the kustomization root ${this.root}`, {
        location: where,
        field,
        hint: 'move the file under the kustomization directory, make it a resource of its own kustomization, or build with --load-restrictor none',
      });
    }
    return absolute;
  }

  readText(path: string, where?: SourceLocation, field?: string): { file: string; text: string } {
    const file = this.resolveFile(path, where, field);
    try {
      return { file, text: readFileSync(file, 'utf8') };
    } catch (error) {
      throw missingFile(path, file, error, where, field);
    }
  }

  readBytes(path: string, where?: SourceLocation, field?: string): { file: string; bytes: Buffer } {
    const file = this.resolveFile(path, where, field);
    try {
      return { file, bytes: readFileSync(file) };
    } catch (error) {
      throw missingFile(path, file, error, where, field);
    }
  }
}

function missingFile(path: string, file: string, error: unknown, where?: SourceLocation, field?: string): KccError {
  const code = (error as NodeJS.ErrnoException).code;
  const what = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code})`;
  return new KccError(`'${path}' ${what} (${file})`, { location: where, field, cause: error });
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
