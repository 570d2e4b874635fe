import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import { applyJsonPatchOperation, type JsonPatchOperation as CoreOperation } from '../core/json-patch.js';

/** One RFC 6902 operation. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

export function isJsonPatch(value: unknown): value is JsonPatchOperation[] {
  return Array.isArray(value) && value.every((op) => typeof op === 'object' && op !== null && typeof (op as { op?: unknown }).op === 'string');
}

export function checkJsonPatch(ops: JsonPatchOperation[], where: SourceLocation): void {
  ops.forEach((op, index) => {
    if (!OPS.has(op.op)) throw new KccError(`JSON patch operation ${index + 1} has unknown op '${op.op}'`, { location: where });
    if (typeof op.path !== 'string') throw new KccError(`JSON patch operation ${index + 1} (${op.op}) has no path`, { location: where });
    if ((op.op === 'move' || op.op === 'copy') && typeof op.from !== 'string') throw new KccError(`JSON patch operation ${index + 1} (${op.op}) has no from`, { location: where });
  });
}

/**
 * Applies the operations in order to a deep copy with kcc's one RFC 6902 implementation
 * (src/core/json-patch.ts), as kustomize's library does: `replace` may add a missing member of an
 * existing object. The first failing operation is reported with its number.
 */
export function applyJsonPatch(document: unknown, ops: JsonPatchOperation[]): unknown {
  let result = structuredClone(document);
  ops.forEach((op, index) => {
    try {
      result = applyJsonPatchOperation(result, op as CoreOperation, { replaceAddsMissingMember: true });
    } catch (error) {
      throw new Error(`operation ${index + 1} (${op.op} ${op.path}): ${(error as Error).message}`);
    }
  });
  return result;
}
