/**
 * Files of the corpus the API server rejects and kcc accepts, each with the server rule kcc does
 * not check. This list may only shrink (apiserver-agreement.test.ts fails on a new entry and on an
 * entry kcc now catches). Empty since the pod spec and workload selector rules.
 */
export const KNOWN_FALSE_NEGATIVES: { file: string; why: string }[] = [];
