import { createRequire } from 'node:module';
import type semverModule from 'semver';
import { KccError } from '../../core/errors.js';
import { satisfiesConstraint } from '../semver-constraint.js';

const lazyRequire = createRequire(import.meta.url);
let semverLibrary: typeof semverModule | undefined;
function semver(): typeof semverModule {
  semverLibrary ??= lazyRequire('semver') as typeof semverModule;
  return semverLibrary;
}

/** Versions newest first, as Helm sorts a repository index and a registry's tags; non-semver ones dropped. */
export function sortVersionsDescending(versions: string[]): string[] {
  const parsed = versions
    .map((version) => ({ version, semver: semver().parse(version.replace(/^v/, ''), { loose: true }) }))
    .filter((entry): entry is { version: string; semver: semverModule.SemVer } => entry.semver !== null);
  return parsed.sort((a, b) => semver().rcompare(a.semver, b.semver)).map((entry) => entry.version);
}

/**
 * Helm's choice of a chart version: an exact match of the requested text first, else the newest
 * version satisfying it as a constraint; no constraint means "*" (the newest release, no
 * prereleases), and `devel` means ">0.0.0-0" (prereleases too).
 */
export function pickVersion(versions: string[], requested: string | undefined, devel = false): string | undefined {
  if (requested) {
    const exact = versions.find((version) => version === requested);
    if (exact) return exact;
  }
  const constraint = requested || (devel ? '>0.0.0-0' : '*');
  return sortVersionsDescending(versions).find((version) => satisfiesConstraint(version, constraint));
}

/** No version in a repository or registry satisfies a constraint (`dependency update` gathers these). */
export class NoMatchingVersionError extends KccError {}
