/**
 * How the version follows the API diff (generator/update/version.ts), and how it is written back
 * into the naming config without touching anything else in the file.
 */
import { describe, expect, it } from 'vitest';
import type { ApiChange, ChangeClass, ChangeKind } from '../../generator/diff/types.ts';
import {
  bumpVersion,
  readPackageVersion,
  releaseLevel,
  setPackageVersion,
} from '../../generator/update/version.ts';

const change = (cls: ChangeClass, kind: ChangeKind): ApiChange => ({
  kind,
  class: cls,
  subject: { type: 'operation', name: 'calls.actions.speak' },
  side: 'request',
  path: 'voice',
  pointer: '#/components/schemas/SpeakRequest/properties/voice',
  message: 'x',
});

describe('releaseLevel', () => {
  it('is major for any breaking change, minor for any other visible change, patch for docs alone', () => {
    const docs = change('compatible', 'docs-changed');
    const added = change('compatible', 'field-added');
    const narrowing = change('narrowing', 'enum-value-added');
    expect(releaseLevel([docs, added, change('breaking', 'field-removed')])).toBe('major');
    expect(releaseLevel([docs, added])).toBe('minor');
    expect(releaseLevel([narrowing])).toBe('minor');
    expect(releaseLevel([docs, docs])).toBe('patch');
    // The fragment changed, but nothing a client sees: still a release, the smallest.
    expect(releaseLevel([])).toBe('patch');
  });
});

describe('bumpVersion', () => {
  it('from 1.x up: major, minor and patch as semver has them', () => {
    expect(bumpVersion('1.4.2', 'major', 'n')).toStrictEqual({
      from: '1.4.2',
      to: '2.0.0',
      level: 'major',
      applied: 'major',
    });
    expect(bumpVersion('1.4.2', 'minor', 'n').to).toBe('1.5.0');
    expect(bumpVersion('1.4.2', 'patch', 'n').to).toBe('1.4.3');
  });

  it('in 0.x: breaking makes a minor release, anything else a patch', () => {
    expect(bumpVersion('0.3.7', 'major', 'n')).toStrictEqual({
      from: '0.3.7',
      to: '0.4.0',
      level: 'major',
      applied: 'minor',
    });
    expect(bumpVersion('0.3.7', 'minor', 'n')).toStrictEqual({
      from: '0.3.7',
      to: '0.3.8',
      level: 'minor',
      applied: 'patch',
    });
    expect(bumpVersion('0.3.7', 'patch', 'n').to).toBe('0.3.8');
  });

  it('refuses what is not MAJOR.MINOR.PATCH, naming the file', () => {
    for (const bad of ['1.0', '1.0.0-beta.1', 'v1.0.0', '01.0.0', ''])
      expect(() => bumpVersion(bad, 'patch', 'spec/naming.yaml'), bad).toThrow(
        new RegExp(
          `^spec/naming.yaml: package.version "${bad.replace(/\./g, '\\.')}" is not MAJOR.MINOR.PATCH`,
        ),
      );
  });
});

describe('the version in the naming config', () => {
  const naming = [
    '# Names and facts the spec cannot give.',
    'package:',
    '  name: telnyx-voice-media',
    '  version: 0.1.0 # bumped by spec:update',
    '  description: Typed client, version 0.1.0 of it.',
    'operations:',
    '  SpeakCall: { method: speak, resource: calls.actions }',
    '',
  ].join('\n');

  it('is read from package.version', () => {
    expect(readPackageVersion(naming, 'n')).toBe('0.1.0');
  });

  it('changes on its own line only, keeping comments, flow maps and the same text elsewhere', () => {
    const updated = setPackageVersion(naming, '0.2.0', 'n');
    expect(updated).toBe(naming.replace('version: 0.1.0 #', 'version: 0.2.0 #'));
  });

  it('keeps its quotes', () => {
    expect(setPackageVersion("package:\n  version: '1.2.3'\n", '1.3.0', 'n')).toBe(
      "package:\n  version: '1.3.0'\n",
    );
    expect(setPackageVersion('package: { version: "1.2.3" }\n', '2.0.0', 'n')).toBe(
      'package: { version: "2.0.0" }\n',
    );
  });

  it('is an error, naming the file and pointer, when missing or not a string', () => {
    expect(() => readPackageVersion('package:\n  name: x\n', 'spec/naming.yaml')).toThrow(
      'spec/naming.yaml: package.version must be a string such as "0.1.0" (at #/package/version)',
    );
    expect(() => readPackageVersion('package:\n  version: 2\n', 'spec/naming.yaml')).toThrow(
      /at #\/package\/version/,
    );
    expect(() => readPackageVersion('package: [\n', 'spec/naming.yaml')).toThrow(/^spec\/naming.yaml: /);
  });
});
