import type { IConstruct } from 'constructs';
import { KccError } from './errors.js';

/**
 * Runs the validations constructs added with `node.addValidation` (as cdk8s does at synth):
 * every message of every construct, prefixed with its path, in one error.
 */
export function rejectFailedValidations(constructs: Iterable<IConstruct>): void {
  const messages: string[] = [];
  for (const construct of constructs) {
    for (const message of construct.node.validate()) messages.push(`[${construct.node.path}] ${message}`);
  }
  if (messages.length === 0) return;
  throw new KccError(`validation failed with ${messages.length === 1 ? 'an error' : `${messages.length} errors`}:\n  ${messages.join('\n  ')}`, {
    hint: 'the messages come from validations the constructs added (node.addValidation)',
  });
}
