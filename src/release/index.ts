export * from './release-record.js';
export * from './secret-release-store.js';
export * from './release-lock.js';
export type { ApiRequester } from './api-requester.js';
