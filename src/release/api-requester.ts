/**
 * The one thing release storage needs from a cluster client: JSON requests to REST paths.
 * The engine's KubeClient satisfies it; keeping it an interface keeps release/ free of engine/.
 */
export interface ApiRequester {
  request<T = any>(method: string, path: string, body?: unknown, options?: { contentType?: string; accept?: number[] }): Promise<{ status: number; body: T }>;
  get<T = any>(path: string, options?: { accept?: number[] }): Promise<{ status: number; body: T }>;
}
