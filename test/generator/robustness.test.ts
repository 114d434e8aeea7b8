/**
 * No spec can break the generator: hostile text stays text, odd names stay names, and inputs
 * that are not usable get a diagnostic instead of a crash or half-written output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { listFiles } from '../../generator/cli/write.ts';
import { generateFromText, NAMING_PATH, ROOT, runAgainst, runCli, tempDir, typecheck, writeFiles } from '../helpers/generate.ts';

const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/specs', name), 'utf8');
const hostileDoc = parse(fixture('hostile.yaml'));

describe('the hostile fixture', async () => {
  const result = await generateFromText(fixture('hostile.yaml'), 'test/fixtures/specs/hostile.yaml');
  const out = tempDir('hostile');
  writeFiles(out, result.files);

  it('generates with warnings only, and the output type-checks', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    const tsc = typecheck(out);
    expect(tsc.output).toBe('');
  });

  it('runs none of the spec text, and keeps every wire name and enum value exactly', () => {
    const seen = runAgainst(
      out,
      // Object.fromEntries makes an own "__proto__" key, as JSON.parse does; a literal would not.
      `const ok = Object.fromEntries([['default', 'd'], ['__proto__', 'a"quote'], ['with-dash', 'x'], ['with space', 'y'],
         ['quote"d\\'', 'z'], ['1starts_with_digit', true], ['constructor', 'c']]);
       const values = pkg.HostileProtoValues;
       const bad = JSON.parse('{"default":"d","__proto__":"not one of them"}');
       console.log(JSON.stringify({ pwned: globalThis.__pwned ?? null, values, ok: pkg.isHostile(ok),
         bad: pkg.validateHostile(bad).errors, protoPolluted: ({}).default !== undefined }));`,
    ) as { pwned: unknown; values: string[]; ok: boolean; bad: Array<{ path: string }>; protoPolluted: boolean };
    expect(seen.pwned).toBeNull();
    expect(seen.protoPolluted).toBe(false);
    expect(seen.values).toStrictEqual(hostileDoc.components.schemas.Hostile.properties.__proto__.enum);
    expect(seen.ok).toBe(true);
    expect(seen.bad.map((i) => i.path)).toStrictEqual(['/__proto__']);
  });

  it('keeps descriptions as comments: the text is all there, with only comment terminators escaped', () => {
    const schemas = result.files.find((f) => f.path === 'src/schemas.ts')!.content;
    const description = hostileDoc.components.schemas.Hostile.description as string;
    const asComment = description.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\*\//g, '*\\/').replace(/\/\*/g, '/\\*');
    for (const line of asComment.split('\n')) expect(schemas).toContain(` * ${line.replace(/^@/, '\\@')}`.trimEnd());
    expect(schemas).not.toMatch(/[\r\u2028\u2029]/);
  });
});

describe('specs the generator refuses, with a diagnostic', () => {
  it('operations the naming config gives one method name: an error at the second, nothing written', async () => {
    const doc = structuredClone(hostileDoc);
    doc.paths['/things/{thing_id}/actions/again'] = { post: { ...doc.paths['/things/{thing_id}/actions/do'].post, operationId: 'DoIt' } };
    const naming = parse(readFileSync(NAMING_PATH, 'utf8'));
    naming.operations = { 'do-it': { method: 'doIt', resource: 'calls.actions' }, DoIt: { method: 'doIt', resource: 'calls.actions' } };
    const result = await generateFromText(stringify(doc), 'collide.yaml', stringify(naming));
    expect(result.files).toStrictEqual([]);
    const collision = result.diagnostics.find((d) => d.code === 'name-collision')!;
    expect(collision.message).toBe('operations do-it and DoIt both become the method calls.actions.doIt');
    expect(collision.pointer).toBe('#/paths/~1things~1{thing_id}~1actions~1again/post/operationId');
    expect(collision.line).toBeGreaterThan(0);
  });

  it('operationIds that collide after case conversion, named by default: the second is renamed, with a warning', async () => {
    const doc = structuredClone(hostileDoc);
    // PUT and POST on one path both default to `things.x` (a verb after a path parameter); the
    // later one (POST, in the order methods are read) falls back to its operationId in camelCase.
    const op = doc.paths['/things/{thing_id}/actions/do'].post;
    doc.paths['/things/{thing_id}/x'] = { put: { ...op, operationId: 'DoIt' }, post: { ...op, operationId: 'do-it' } };
    delete doc.paths['/things/{thing_id}/actions/do'];
    const naming = { ...parse(readFileSync(NAMING_PATH, 'utf8')), operations: {} };
    const result = await generateFromText(stringify(doc), 'collide.yaml', stringify(naming));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(result.model!.operations.map((o) => `${o.operationId} ${o.resource}.${o.methodName}`)).toEqual([
      'DoIt things.x',
      'do-it things.doIt',
    ]);
    expect(result.diagnostics.filter((d) => d.code === 'name-collision').map((d) => d.message)).toEqual([
      'do-it would be things.x, taken by DoIt; it is generated as things.doIt',
    ]);
  });

  it('a spec larger than the limit: a clear error, exit 1, no stack trace, nothing written', () => {
    const dir = tempDir('huge');
    const spec = join(dir, 'huge.yaml');
    writeFileSync(spec, fixture('twin-3.1.yaml') + `# ${'x'.repeat(1024)}\n`.repeat(50 * 1024));
    const run = runCli('generator/cli/cli.ts', ['--spec', spec, '--out', join(dir, 'out')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error spec-too-large: the spec is 50.');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(listFiles(join(dir, 'out'))).toStrictEqual([]);
  });
});

describe('a schema named Index', () => {
  it('is renamed Index2 with a warning: guards/Index.ts and guards/index.ts are one file on a case-insensitive disk', async () => {
    const doc = parse(fixture('twin-3.1.yaml'));
    doc.components.schemas.Index = { type: 'object', properties: { name: { type: 'string' } } };
    doc.components.schemas.TwinRequest.properties.index = { $ref: '#/components/schemas/Index' };
    const result = await generateFromText(stringify(doc), 'index.yaml');
    expect(result.diagnostics.filter((d) => d.code === 'name-collision').map((d) => d.message)).toEqual([
      'schema Index would be the TypeScript name Index, already the name of guards/index.ts on a case-insensitive disk; it is generated as Index2',
    ]);
    const guardFiles = result.files.map((f) => f.path).filter((p) => p.startsWith('src/guards/'));
    expect(guardFiles.filter((p) => p.toLowerCase() === 'src/guards/index.ts')).toEqual(['src/guards/index.ts']);
    const out = tempDir('index-schema');
    writeFiles(out, result.files);
    expect(typecheck(out).output).toBe('');
    expect(runAgainst(out, `console.log(JSON.stringify([pkg.isIndex2({ name: 'a' }), pkg.isIndex2({ name: 1 })]));`)).toEqual([true, false]);
  });
});

describe('examples of the wrong shape', () => {
  it('an object body whose example is its JSON as a string (microcks, APIs.guru) generates and type-checks', async () => {
    const doc = parse(fixture('twin-3.1.yaml'));
    doc.components.schemas.TwinRequest.example = JSON.stringify({ payload: 'Say this', volume: 3 });
    const result = await generateFromText(stringify(doc), 'example.yaml');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    const out = tempDir('string-example');
    writeFiles(out, result.files);
    expect(typecheck(out).output).toBe('');
    // The README's call takes the field's own example, not a character of the string.
    const readme = result.files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain('speak("<call_control_id>", { payload: "Say this" })');
  });
});

describe('large and recursive inputs', () => {
  it('an enum of 10,000 values generates code that compiles and checks every value', async () => {
    const doc = parse(fixture('twin-3.1.yaml'));
    const values = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
    doc.components.schemas.Big = { type: 'string', enum: values };
    doc.components.schemas.TwinRequest.properties.big = { $ref: '#/components/schemas/Big' };
    const result = await generateFromText(stringify(doc), 'big.yaml');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    const out = tempDir('big-enum');
    writeFiles(out, result.files);
    expect(typecheck(out).output).toBe('');
    const seen = runAgainst(out, `console.log(JSON.stringify([pkg.isBig('v9999'), pkg.isBig('v10000'), pkg.BigValues.length]));`);
    expect(seen).toStrictEqual([true, false, 10_000]);
  }, 120_000);

  it('a recursive schema (Tree.children: Tree[]) validates deep values without overflowing', async () => {
    const result = await generateFromText(fixture('hostile.yaml'), 'hostile.yaml');
    const out = tempDir('recursive');
    writeFiles(out, result.files);
    const seen = runAgainst(
      out,
      `let deep = { name: 'leaf' }; for (let i = 0; i < 100000; i++) deep = { name: 'n', children: [deep] };
       const shallow = { name: 'root', children: [{ name: 'a', children: [] }] };
       console.log(JSON.stringify([pkg.isTree(shallow), pkg.isTree(deep), pkg.validateTree(deep).ok]));`,
    );
    expect(seen).toStrictEqual([true, false, false]);
  }, 60_000);
});

describe('OpenAPI 3.0 and 3.1', () => {
  it('a 3.0 spec generates the same code as its 3.1 twin', async () => {
    const [v30, v31] = await Promise.all([generateFromText(fixture('twin-3.0.yaml'), 'twin.yaml'), generateFromText(fixture('twin-3.1.yaml'), 'twin.yaml')]);
    expect(v30.diagnostics).toStrictEqual([]);
    const withoutProvenance = (files: typeof v30.files) =>
      files.map((f) => ({ path: f.path, content: f.content.replace(/sha256[:"]+\s*"?[0-9a-f]+/g, 'sha256') }));
    expect(withoutProvenance(v30.files)).toStrictEqual(withoutProvenance(v31.files));
  });
});
