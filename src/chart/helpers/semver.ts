import { satisfiesConstraint } from '../semver-constraint.js';
import { toText } from './values-semantics.js';

export const semverHelpers: Record<string, (...args: any[]) => unknown> = {
  /** `semverCompare ">=1.30-0" Capabilities.KubeVersion.Version`: Helm's constraint check. */
  semverCompare: (constraint: string, version: unknown) => satisfiesConstraint(toText(version), constraint),
};
