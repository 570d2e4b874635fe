import type { Construct } from 'constructs';
import { labelValueFromPath, nameFromPath } from '../core/names.js';

export interface NameOptions {
  /** @default 63 */
  readonly maxLen?: number;
  /** Components after the construct's path. @default none */
  readonly extra?: string[];
  /** @default "-" */
  readonly delimiter?: string;
  /** @default true */
  readonly includeHash?: boolean;
}

/** Unique, stable names from construct paths: the same as cdk8s's (see core/names.ts). */
export class Names {
  /** A DNS-1123 label (at most 63 characters, lower case) from the construct's path. */
  static toDnsLabel(scope: Construct, options: NameOptions = {}): string {
    return nameFromPath(scopeIds(scope), toCoreOptions(options));
  }

  /** A label value (at most 63 characters) from the construct's path. */
  static toLabelValue(scope: Construct, options: NameOptions = {}): string {
    return labelValueFromPath(scopeIds(scope), toCoreOptions(options));
  }

  private constructor() {}
}

function scopeIds(scope: Construct): string[] {
  return scope.node.scopes.map((c) => c.node.id);
}

function toCoreOptions(options: NameOptions) {
  return { maxLength: options.maxLen, extra: options.extra, delimiter: options.delimiter, includeHash: options.includeHash };
}
