/**
 * The guard emitter lays its modules out itself (generator/emit/guards/layout.ts) and marks them
 * preformatted, so the pipeline's prettier skips them: every module so marked must be exactly
 * what prettier prints for it, and the modules must stay laid out (a regression that sends them
 * back through prettier would quietly cost most of a whole-spec generation again).
 *
 * Checked on the fragment, on the synthetic and hostile specs other tests use, on schemas
 * written here to force each rule that breaks a long line, and on Telnyx's whole spec when
 * ../shared has it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PRETTIER_OPTIONS } from '../../generator/core/format.ts';
import { loadSpecText } from '../../generator/core/load.ts';
import { emitGuards } from '../../generator/emit/guards/index.ts';
import type { GeneratedFile } from '../../generator/emit/file.ts';
import { buildModel } from '../../generator/ir/build.ts';
import { checkNamingConfig } from '../../generator/ir/naming-config.ts';
import { NAMING_PATH, ROOT, SPEC_PATH } from '../helpers/generate.ts';

const prettier = await import('prettier');

/** The guard modules for a spec file, as the emitter hands them to the pipeline. */
function guardsOf(specPath: string, namingPath = NAMING_PATH): GeneratedFile[] {
  const loaded = loadSpecText(readFileSync(specPath, 'utf8'), specPath);
  const naming = checkNamingConfig(parse(readFileSync(namingPath, 'utf8')), namingPath).config!;
  const built = buildModel({ document: loaded.document, naming, specFile: specPath, specHash: 'x' });
  return emitGuards(built.model).files;
}

/** The guard modules for a few schemas written inline. */
function guardsFor(schemas: Record<string, unknown>): GeneratedFile[] {
  const document = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas } };
  const naming = {
    package: { name: 'p', version: '1', description: '', clientClass: 'C', apiKeyEnv: 'K', publicKeyEnv: 'P' },
    operations: {},
  };
  return emitGuards(buildModel({ document, naming, specFile: 'inline.yaml', specHash: 'x' }).model).files;
}

/** Each laid-out module against prettier; returns how many were laid out and how many fell back. */
async function checkLayout(files: GeneratedFile[]): Promise<{ laidOut: number; fallBack: number }> {
  let laidOut = 0;
  for (const file of files) {
    if (!file.preformatted) continue;
    laidOut++;
    const formatted = await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser: 'typescript' });
    // toBe on the whole text shows the first differing line; the path says which module.
    expect(file.content, file.path).toBe(formatted);
  }
  return { laidOut, fallBack: files.length - laidOut };
}

describe('guard modules laid out in prettier style', () => {
  it('the fragment: all 130 modules and the index, each equal to prettier', async () => {
    const files = guardsOf(SPEC_PATH);
    expect(await checkLayout(files)).toStrictEqual({ laidOut: files.length, fallBack: 0 });
    expect(files.length).toBe(130);
  });

  // `fallBack` counts modules holding a construct layout.ts does not mirror: so far only the
  // `hasOwn(value, 'constructor') ? value['constructor'] : undefined` read of a property named
  // like an Object.prototype member (a conditional expression).
  it.each([
    ['test/fixtures/specs/hostile.yaml', 1],
    ['test/fixtures/tolerance/hostile-names.yaml', 1],
    ['test/fixtures/tolerance/recursion.yaml', 0],
    ['test/fixtures/tolerance/tolerated-3.0.yaml', 0],
    ['test/fixtures/tolerance/tolerated-3.1.yaml', 0],
    ['test/fixtures/specs/twin-3.1.yaml', 0],
    ['test/fixtures/specs/call-control.yaml', 0],
  ])('%s: every laid-out module equals prettier; %i fall back', async (spec, fallBack) => {
    const files = guardsOf(join(ROOT, spec));
    const counts = await checkLayout(files);
    expect(counts).toStrictEqual({ laidOut: files.length - fallBack, fallBack });
    // The fallback is still valid input for prettier (the pipeline formats it).
    for (const file of files.filter((f) => !f.preformatted))
      await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser: 'typescript' });
  });
});

describe('long lines break where prettier breaks them', () => {
  const long = (word: string) => `${word}_${'x'.repeat(70)}`;
  const name = 'ThisSchemaHasAVeryLongNameSoThatEverySignatureRunsPastTheLineWidthOfOneHundredTen';

  /** The one module for `schemas`' first schema, checked against prettier, with its text. */
  async function laidOut(schemas: Record<string, unknown>): Promise<string> {
    const files = guardsFor(schemas);
    expect(await checkLayout(files)).toMatchObject({ fallBack: 0 });
    return files.find((f) => f.path === `src/guards/${Object.keys(schemas)[0]}.ts`)!.content;
  }

  it('an if test breaks inside its parentheses, one operand a line, and its body goes below', async () => {
    const text = await laidOut({
      Long: {
        type: 'object',
        properties: { [long('limit')]: { type: 'integer', format: 'int32', minimum: 1, maximum: 99 } },
      },
    });
    expect(text).toMatch(/\n {2}if \(\n {4}\w+ !== undefined &&\n {4}!\(\n {6}typeof \w+ === 'number' &&\n/);
    expect(text).toMatch(/\n {2}\)\n {4}return false;\n/);
  });

  it("a negated chain breaks inside the `!( … )` it already has", async () => {
    const text = await laidOut({
      Neg: {
        type: 'object',
        required: [long('required')],
        properties: { [long('required')]: { type: 'string', minLength: 1, maxLength: 5, format: 'uuid' } },
      },
    });
    // The local is read first (several uses), its long name breaking the line after `=`.
    expect(text).toMatch(/\n {2}const \w+ =\n {4}value\.\w+;\n/);
    expect(text).toMatch(/\n {2}if \(!\(\n {4}typeof \w+ === 'string' &&\n/);
    expect(text).toMatch(/\n {2}\)\)\n {4}return false;\n/);
  });

  it('call arguments break one a line with a trailing comma; imports break their names', async () => {
    const text = await laidOut({
      [name]: {
        type: 'object',
        properties: { [long('name')]: { type: 'string', pattern: '^[a-z]+$' } },
        additionalProperties: false,
      },
    });
    // `validated(…)` in validate… takes the long guard names: its arguments break.
    expect(text).toMatch(/return validated\(\n {4}is\w+\(value, options\),\n {4}value,\n {4}check\w+,\n {4}options,\n {2}\) as /);
    // The signature itself breaks its parameters.
    expect(text).toMatch(/export function validate\w+\(\n {2}value: unknown,\n {2}options\?: GuardOptions,\n\): /);
    expect(text).toMatch(/import {\n {2}additionalIssue,\n/);
  });

  it('a constant hugs its array argument and breaks the array one value a line', async () => {
    const values = Array.from({ length: 8 }, (_, i) => `value-${i}-${'v'.repeat(12)}`);
    // schemas.ts exports no value list for an enum of array items: the guard lists the values.
    const text = await laidOut({
      Enumerated: {
        type: 'object',
        properties: { modes: { type: 'array', items: { type: 'string', enum: values } } },
      },
    });
    expect(text).toMatch(/const \w+_VALUES = new Set<unknown>\(\[\n {2}'value-0-v+',\n {2}'value-1-v+',\n/);
    const listed = guardsFor({
      Listed: {
        type: 'object',
        properties: Object.fromEntries(values.map((v) => [v, { type: 'string' }])),
        additionalProperties: false,
      },
    }).find((f) => f.path === 'src/guards/Listed.ts')!.content;
    expect(listed).toMatch(/const LISTED_KEYS = new Set<string>\(\[\n {2}'value-0-v+',\n/);
  });

  it('a list of numbers fills each line, as prettier prints numeric arrays', async () => {
    const numbers = [...Array.from({ length: 40 }, (_, i) => 1000000 + i), 0.5];
    const codes = { type: 'array', items: { type: 'number', enum: numbers } };
    const text = await laidOut({ Codes: { type: 'object', properties: { codes } } });
    expect(text).toMatch(/new Set<unknown>\(\[\n {2}1000000, 1000001, 1000002, .*1000011,\n {2}1000012, /);
  });

  it('a long return chain goes in parentheses; a long initializer breaks after `=`', async () => {
    const text = await laidOut({
      Leaf: { type: 'string', format: 'uuid', minLength: 36, maxLength: 36, pattern: `^${'[0-9a-f]'.repeat(12)}$` },
      Holder: {
        type: 'object',
        properties: { [long('holder')]: { type: 'string', minLength: 2 } },
      },
    });
    expect(text).toMatch(/\n {2}return \(\n {4}typeof value === 'string' &&\n/);
    const holder = guardsFor({
      Holder: { type: 'object', properties: { [`${long('holder')}${'y'.repeat(30)}`]: { type: 'string', minLength: 2 } } },
    }).find((f) => f.path === 'src/guards/Holder.ts')!.content;
    expect(holder).toMatch(/\n {2}const \w+ =\n {4}value\.\w+;\n/);
  });

  it('odd keys stay quoted in prettier style; quotes and numbers are spelled as prettier spells them', async () => {
    const text = await laidOut({
      Odd: {
        type: 'object',
        required: ["it's", 'say "hi"', 'x-y'],
        properties: {
          "it's": { type: 'string', enum: ["don't", 'a"b'] },
          'say "hi"': { type: 'number', maximum: 1e21, minimum: 0.5 },
          'x-y': { type: 'string', const: 'z' },
        },
      },
    });
    expect(text).toContain(`value["it's"]`);
    expect(text).toContain(`value['say "hi"']`);
    expect(text).toContain('1e21');
  });

  it('a discriminated union switches, with each case below its label', async () => {
    const text = await laidOut({
      Pet: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' } },
      },
      Cat: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
      Dog: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
    });
    expect(text).toMatch(/switch \(value\.kind\) {\n {4}case 'cat':\n {6}return /);
  });
});

const WHOLE_SPEC = join(ROOT, '../shared/telnyx-openapi/spec3-2026-07-16.yml');

// Telnyx's whole spec is not in this repository; the machines that have it keep it in ../shared.
describe.skipIf(!existsSync(WHOLE_SPEC))("Telnyx's whole spec (skipped without ../shared/telnyx-openapi)", () => {
  it('lays out all 3,007 guard modules and the index, each equal to prettier', { timeout: 300_000 }, async () => {
    const files = guardsOf(WHOLE_SPEC, join(ROOT, 'test/whole-spec/naming.yaml'));
    expect(await checkLayout(files)).toStrictEqual({ laidOut: files.length, fallBack: 0 });
    expect(files.length).toBe(3008);
  });
});
