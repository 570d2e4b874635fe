import { KccError } from '../core/errors.js';
import type { KubeClient } from './kube-client.js';

/** The question `kubectl auth can-i` asks, as data. */
export interface AccessQuestion {
  verb: string;
  /** "deployments", "deployments.apps", "pods/log" (a subresource), or "*". */
  resource: string;
  name?: string;
  namespace?: string;
  /** Ask for someone else (a SubjectAccessReview); omitted: for the caller (SelfSubjectAccessReview). */
  user?: string;
  groups?: string[];
}

export interface AccessAnswer {
  allowed: boolean;
  reason?: string;
  /** Who was asked about: the user given, or "you". */
  subject: string;
}

/** "deployments.apps/scale" → resource deployments, group apps, subresource scale. */
export function parseResource(text: string): { resource: string; group: string; subresource?: string } {
  const [resourceAndGroup, subresource] = text.split('/', 2) as [string, string | undefined];
  if (!resourceAndGroup) throw new KccError(`"${text}" is not a resource`, { hint: 'write it as kubectl does: pods, deployments.apps, pods/log' });
  const dot = resourceAndGroup.indexOf('.');
  return {
    resource: dot === -1 ? resourceAndGroup : resourceAndGroup.slice(0, dot),
    group: dot === -1 ? '' : resourceAndGroup.slice(dot + 1),
    ...(subresource ? { subresource } : {}),
  };
}

/**
 * Asks the API server's authorizer whether an action is allowed, with the same review objects
 * `kubectl auth can-i` creates, so RBAC written with kcc can be checked declaratively in CI.
 */
export async function reviewAccess(client: KubeClient, question: AccessQuestion): Promise<AccessAnswer> {
  const { resource, group, subresource } = parseResource(question.resource);
  const resourceAttributes = {
    verb: question.verb,
    resource,
    group,
    ...(subresource ? { subresource } : {}),
    ...(question.name ? { name: question.name } : {}),
    ...(question.namespace ? { namespace: question.namespace } : {}),
  };
  const forOther = Boolean(question.user || question.groups?.length);
  const kind = forOther ? 'SubjectAccessReview' : 'SelfSubjectAccessReview';
  const body = {
    apiVersion: 'authorization.k8s.io/v1',
    kind,
    spec: { resourceAttributes, ...(question.user ? { user: question.user } : {}), ...(question.groups?.length ? { groups: question.groups } : {}) },
  };
  const path = `/apis/authorization.k8s.io/v1/${forOther ? 'subjectaccessreviews' : 'selfsubjectaccessreviews'}`;
  const response = await client.request<{ status?: { allowed?: boolean; reason?: string } }>('POST', path, body);
  return { allowed: Boolean(response.body?.status?.allowed), reason: response.body?.status?.reason || undefined, subject: question.user ?? 'you' };
}
