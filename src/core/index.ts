export * from './kube-object.js';
export * from './errors.js';
export * from './serialize.js';
