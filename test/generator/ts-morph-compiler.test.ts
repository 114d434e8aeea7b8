/**
 * ts-morph borrows the TypeScript compiler openapi-typescript loads (generator/emit/types/ts-morph.ts)
 * instead of loading the copy it bundles, when both are the same major.minor release.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledMajorMinor, loadTsMorph, sourceFileText } from '../../generator/emit/types/ts-morph.ts';
import { ROOT, tempDir } from '../helpers/generate.ts';

const require = createRequire(join(ROOT, 'package.json'));
const bundled = join(
  dirname(createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common')),
  'typescript.js',
);
const installed = createRequire(require.resolve('openapi-typescript')).resolve('typescript');

describe('the compiler ts-morph runs on', () => {
  it('reads the bundled copy’s major.minor from the head of its file', () => {
    const whole = readFileSync(bundled, 'utf8');
    const declared = /\bvar versionMajorMinor = "(\d+\.\d+)"/.exec(whole)?.[1];
    expect(declared).toMatch(/^\d+\.\d+$/);
    expect(bundledMajorMinor(bundled)).toBe(declared);
  });

  it('reads another release, or none', () => {
    const dir = tempDir('ts-head');
    writeFileSync(
      join(dir, 'other.js'),
      '"use strict";\nvar versionMajorMinor = "6.1";\nvar version = "6.1.0";\n',
    );
    writeFileSync(join(dir, 'none.js'), 'module.exports = {};\n');
    expect(bundledMajorMinor(join(dir, 'other.js'))).toBe('6.1');
    expect(bundledMajorMinor(join(dir, 'none.js'))).toBeUndefined();
  });

  // A fresh process: a test worker may have loaded ts-morph, with its own compiler, already.
  it('is the installed compiler when the releases match, and ts-morph still works on it', () => {
    const script = `
      import { createRequire } from 'node:module';
      import { loadTsMorph } from './generator/emit/types/ts-morph.ts';
      const morph = loadTsMorph();
      const ts = createRequire(${JSON.stringify(installed)})(${JSON.stringify(installed)});
      const project = new morph.Project({ useInMemoryFileSystem: true });
      const file = project.createSourceFile('a.ts', { statements: [{ kind: morph.StructureKind.TypeAlias, name: 'A', isExported: true, type: 'string | null' }] });
      // ts-morph re-exports the compiler through a namespace object: compare what it holds.
      console.log(JSON.stringify({ same: morph.ts.createSourceFile === ts.createSourceFile, version: morph.ts.version, text: file.getFullText() }));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const result = JSON.parse(out) as { same: boolean; version: string; text: string };
    const { versionMajorMinor } = require(installed) as { versionMajorMinor: string };
    expect(result.same).toBe(bundledMajorMinor(bundled) === versionMajorMinor);
    // The project pins both to the same release line, so here the compiler is shared.
    expect(result.same).toBe(true);
    expect(result.text).toBe('export type A = string | null;\n');
  });

  it('prints a source file’s structure to the text createSourceFile would hold, or falls back to it', () => {
    const morph = loadTsMorph();
    const { StructureKind, VariableDeclarationKind } = morph;
    // The kinds of statement schemas.ts is made of.
    const structure = {
      statements: [
        {
          kind: StructureKind.ImportDeclaration,
          isTypeOnly: true,
          namedImports: ['Uploadable'],
          moduleSpecifier: './core/request-body.js',
        },
        {
          kind: StructureKind.Interface,
          name: 'Call',
          isExported: true,
          docs: ['A call.\n\nWith a second paragraph.'],
          properties: [
            { name: 'call_control_id', type: 'string', docs: ['Its id.'] },
            { name: '"odd-name"', type: 'number | null', hasQuestionToken: true },
          ],
          indexSignatures: [{ keyName: 'key', keyType: 'string', returnType: 'unknown' }],
        },
        {
          kind: StructureKind.TypeAlias,
          name: 'State',
          isExported: true,
          type: "'parked' | 'bridging'",
          docs: ['The state.'],
        },
        {
          kind: StructureKind.VariableStatement,
          isExported: true,
          declarationKind: VariableDeclarationKind.Const,
          declarations: [{ name: 'STATE_VALUES', initializer: "['parked', 'bridging'] as const" }],
        },
      ],
    } as const;
    const project = new morph.Project({ useInMemoryFileSystem: true });
    const parsed = project.createSourceFile('x.ts', structure as never, { overwrite: true }).getFullText();
    expect(parsed).toContain('export interface Call {');
    expect(sourceFileText(project, structure as never)).toBe(parsed);
    // A project without the structure printer (a ts-morph that moved it): createSourceFile's text.
    const other = new morph.Project({ useInMemoryFileSystem: true });
    const withoutPrinter = {
      createSourceFile: other.createSourceFile.bind(other),
    } as unknown as typeof other;
    expect(sourceFileText(withoutPrinter, structure as never)).toBe(parsed);
  });
});
