/**
 * The package version follows the API diff, by semantic versioning:
 *
 * - a breaking change → major;
 * - any other change a client can see (an added operation, field or variant, a new case in data
 *   it receives, a loosened constraint, a new default) → minor;
 * - descriptions only, or no visible change at all (the spec text moved, the API did not) → patch.
 *
 * While the major version is 0 the API makes no promise of stability, and the usual 0.x reading
 * applies: a breaking change → minor, anything else → patch. Going to 1.0.0 is a decision for a
 * person, made by editing `package.version` in `spec/naming.yaml`; no diff makes it.
 *
 * Narrowing changes (a new enum value or variant in data we receive) count as minor, not
 * major: that is how an API grows, and the changelog lists them under their own heading for
 * anyone whose exhaustive `switch` they affect.
 */
import { isScalar, parseDocument } from 'yaml';
import type { ApiChange } from '../diff/types.js';

export type ReleaseLevel = 'major' | 'minor' | 'patch';

export function releaseLevel(changes: readonly ApiChange[]): ReleaseLevel {
  if (changes.some((c) => c.class === 'breaking')) return 'major';
  if (changes.some((c) => c.kind !== 'docs-changed')) return 'minor';
  return 'patch';
}

export interface Bump {
  from: string;
  to: string;
  /** What the diff asked for. */
  level: ReleaseLevel;
  /** What was applied: the same, except in 0.x (major → minor, minor → patch). */
  applied: ReleaseLevel;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function bumpVersion(current: string, level: ReleaseLevel, where: string): Bump {
  const match = SEMVER.exec(current);
  if (!match)
    throw new Error(
      `${where}: package.version "${current}" is not MAJOR.MINOR.PATCH (pre-releases are not bumped automatically)`,
    );
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  const applied: ReleaseLevel = major > 0 ? level : level === 'major' ? 'minor' : 'patch';
  const to =
    applied === 'major'
      ? `${major + 1}.0.0`
      : applied === 'minor'
        ? `${major}.${minor + 1}.0`
        : `${major}.${minor}.${patch + 1}`;
  return { from: current, to, level, applied };
}

/** `package.version` as the naming config holds it. */
export function readPackageVersion(namingText: string, where: string): string {
  return versionNode(namingText, where).value;
}

/**
 * The naming config with only the version's characters replaced: comments, quoting and layout
 * stay as they were, so the file's diff is one line.
 */
export function setPackageVersion(namingText: string, version: string, where: string): string {
  const { range, value } = versionNode(namingText, where);
  const source = namingText.slice(range[0], range[1]);
  return namingText.slice(0, range[0]) + source.replace(value, version) + namingText.slice(range[1]);
}

function versionNode(text: string, where: string): { value: string; range: [number, number] } {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`${where}: ${doc.errors[0]!.message.split('\n')[0]}`);
  const node = doc.getIn(['package', 'version'], true);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range)
    throw new Error(`${where}: package.version must be a string such as "0.1.0" (at #/package/version)`);
  return { value: node.value, range: [node.range[0], node.range[1]] };
}
