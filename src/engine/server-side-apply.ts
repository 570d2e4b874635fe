import { KccError } from '../core/errors.js';
import type { KubeObject } from '../core/kube-object.js';
import { ApiError, type KubeClient } from './kube-client.js';
import type { ResourcePaths } from './resource-paths.js';

export const FIELD_MANAGER = 'kcc';

export interface ApplyOptions {
  force?: boolean;
  dryRun?: boolean;
}

/**
 * One server-side apply: PATCH with application/apply-patch+yaml (JSON is YAML) under the field
 * manager `kcc`. Returns the object as the server stored it (or would, for a dry run) and whether
 * it was created. Errors name the object, the server's reason, and for conflicts the other
 * manager and the field it owns.
 */
export async function serverSideApply(client: KubeClient, paths: ResourcePaths, object: KubeObject, id: string, options: ApplyOptions = {}): Promise<{ object: KubeObject; created: boolean }> {
  const query = new URLSearchParams({ fieldManager: FIELD_MANAGER });
  if (options.force) query.set('force', 'true');
  if (options.dryRun) query.set('dryRun', 'All');
  const path = `${await paths.objectPath(object)}?${query}`;
  try {
    const response = await client.request<KubeObject>('PATCH', path, JSON.stringify(object), { contentType: 'application/apply-patch+yaml' });
    return { object: response.body, created: response.status === 201 };
  } catch (error) {
    throw explainApplyError(error, id);
  }
}

/** Turns a server rejection into a message about the object: conflicts, invalid fields, forbidden. */
export function explainApplyError(error: unknown, id: string): Error {
  if (!(error instanceof ApiError)) return error as Error;
  const status = error.apiStatus;
  const causes = status.details?.causes ?? [];
  if (error.status === 409 && error.reason === 'Conflict' && causes.length) {
    const lines = causes.map((c) => `${c.field ?? '?'}: ${c.message ?? c.reason ?? 'conflict'}`);
    return new ConflictError(`${id}: fields are owned by another manager:\n  ${lines.join('\n  ')}`, {
      hint: 'another tool or person changed these fields; re-run with --force-conflicts to take ownership, or stop setting them in kcc',
      exitCode: 2,
    });
  }
  const immutable = causes.some((c) => /immutable/i.test(c.message ?? '')) || /immutable/i.test(status.message ?? '');
  const detail = causes.length ? causes.map((c) => `${c.field ? `${c.field}: ` : ''}${c.message ?? c.reason}`).join('; ') : status.message ?? `status ${error.status}`;
  return new KccError(`${id}: rejected by the server (${error.reason}): ${detail}`, {
    hint: immutable ? 're-run with --force-replace to delete and recreate it' : error.hint,
    exitCode: 2,
  });
}

/** A field-ownership conflict; kept apart so callers can tell it from other rejections. */
export class ConflictError extends KccError {}

/** The server refused because the object's namespace does not exist (yet: a dry run cannot create it first). */
export function isMissingNamespace(error: unknown): boolean {
  return error instanceof Error && /\(NotFound\): namespaces "[^"]+" not found/.test(error.message);
}
