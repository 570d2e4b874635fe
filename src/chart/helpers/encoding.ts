import { createHash } from 'node:crypto';
import { toText } from './values-semantics.js';

export const encodingHelpers: Record<string, (...args: any[]) => unknown> = {
  b64enc: (value: unknown) => Buffer.from(toText(value), 'utf8').toString('base64'),
  b64dec: (value: unknown) => Buffer.from(toText(value), 'base64').toString('utf8'),
  /** Hex digest, as Sprig's sha256sum: the usual "checksum/config" annotation forces a rollout on change. */
  sha256sum: (value: unknown) => createHash('sha256').update(toText(value), 'utf8').digest('hex'),
};
