import { createRequire } from 'node:module';
import type semverModule from 'semver';

// semver costs ~30 ms to import; most renders never compare a version (see isSemanticVersion).
const lazyRequire = createRequire(import.meta.url);
let semverLibrary: typeof semverModule | undefined;
function semver(): typeof semverModule {
  semverLibrary ??= lazyRequire('semver') as typeof semverModule;
  return semverLibrary;
}

// The usual Chart.yaml version, "1.2.3": valid for semver.valid by construction (no leading zeros,
// components far below Number.MAX_SAFE_INTEGER), so the library is not needed to say so.
const PLAIN_VERSION = /^(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})$/;

/** semver.valid(version) !== null (strict SemVer 2.0), without loading semver for plain versions. */
export function isSemanticVersion(version: string): boolean {
  return PLAIN_VERSION.test(version) || semver().valid(version) !== null;
}

/**
 * Helm writes version constraints in Masterminds/semver syntax; npm's semver reads nearly the same
 * language. The differences bridged here: commas mean AND (npm uses spaces), partial versions may
 * carry a prerelease (">=1.19-0", meaning "prereleases too"), and a constraint with any prerelease
 * admits prerelease versions of every release (npm would admit only those of the same release).
 */
export function satisfiesConstraint(version: string, constraint: string): boolean {
  const range = toNpmRange(constraint);
  const parsed = semver().coerce(version, { includePrerelease: true, loose: true });
  const clean = semver().valid(version.replace(/^v/, ''), { loose: true }) ?? parsed?.version;
  if (!clean || range === null) return false;
  return semver().satisfies(clean, range, { loose: true, includePrerelease: constraint.includes('-') });
}

export function isValidConstraint(constraint: string): boolean {
  return toNpmRange(constraint) !== null;
}

function toNpmRange(constraint: string): string | null {
  const spaced = constraint.replace(/,/g, ' ');
  const padded = spaced.replace(/\bv?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)/g, (_m, major: string, minor?: string, patch?: string, pre?: string) => `${major}.${minor ?? '0'}.${patch ?? '0'}${pre}`);
  return semver().validRange(padded, { loose: true });
}

/** "v1.36.3" -> { Major: "1", Minor: "36", ... }: the parts Helm exposes as Capabilities.KubeVersion. */
export function splitKubeVersion(version: string): { Version: string; GitVersion: string; Major: string; Minor: string } {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  return { Version: version, GitVersion: version, Major: match?.[1] ?? '', Minor: match?.[2] ?? '' };
}
