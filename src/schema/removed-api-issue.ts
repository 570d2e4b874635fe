import type { KubeObject } from '../core/kube-object.js';
import type { RemovedApi } from './api-lifecycle.js';

/** "extensions/v1beta1 Ingress is no longer served (removed in Kubernetes 1.22); use apiVersion: networking.k8s.io/v1" */
export function removedMessage(api: RemovedApi, kind: string): string {
  const since = `${api.apiVersion} ${kind} is no longer served (removed in Kubernetes ${api.removedIn})`;
  return api.replacement ? `${since}; use apiVersion: ${api.replacement}` : since;
}

/** The replacement, then only the field moves this object's own fields need. */
export function removedHint(api: RemovedApi, object: KubeObject): string | undefined {
  const moves = (api.fieldMoves ?? []).filter((move) => pathExists(object, move.path.split('.'))).map((move) => move.change);
  const unique = [...new Set(moves)];
  const parts = [...(api.replacement ? [`change apiVersion to ${api.replacement}`] : []), ...unique, ...(api.note ? [api.note] : [])];
  return parts.length ? parts.join('; ') : undefined;
}

function pathExists(value: unknown, segments: string[]): boolean {
  if (segments.length === 0) return value !== undefined;
  if (typeof value !== 'object' || value === null) return false;
  const [head, ...rest] = segments;
  if (head === '*') return Object.values(value).some((child) => pathExists(child, rest));
  return pathExists((value as Record<string, unknown>)[head!], rest);
}
