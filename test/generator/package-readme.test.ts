/**
 * The generated package's README is its user guide, so it must stay true to the package:
 * - every ```ts block compiles against the generated package, imported as its users import it
 *   (the package name and each entry point of package.json's `exports`, mapped to generated/src),
 *   with strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess;
 * - every export of src/index.ts, every entry point and every client method is named in it.
 * Blocks after the first use its `client`; each block is compiled as a module of its own with
 * that `client` declared globally. The Hono recipe needs hono, fetched from npm into .cache/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTool } from '../package/helpers.ts';
import { GENERATED, ROOT } from '../helpers/generate.ts';

const HONO = 'hono@4.13.19';
const README = readFileSync(join(GENERATED, 'README.md'), 'utf8');
const PKG = JSON.parse(readFileSync(join(GENERATED, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | { types?: string }>;
};

interface Block {
  /** The README line of the block's first code line (1-based). */
  line: number;
  code: string;
}

/** Every fenced ```ts block, with where it starts. */
function tsBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```ts') continue;
    const end = lines.indexOf('```', i + 1);
    blocks.push({ line: i + 2, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** The identifiers that appear in code: inline code spans and fenced blocks. */
function namesInCode(markdown: string): Set<string> {
  const code = [...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```|`([^`\n]+)`/g)].map((m) => m[1] ?? m[2]);
  return new Set(code.flatMap((text) => text!.match(/[A-Za-z_$][\w$]*/g) ?? []));
}

/** `telnyx-voice-media/client` → generated/src/client.ts, from each entry's `types` in `exports`. */
function entryPaths(): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const [key, target] of Object.entries(PKG.exports)) {
    const types = typeof target === 'string' ? undefined : target.types;
    const source = types && /^\.\/dist\/(.+)\.d\.ts$/.exec(types)?.[1];
    if (source)
      paths[key === '.' ? PKG.name : `${PKG.name}/${key.slice(2)}`] = [
        join(GENERATED, 'src', `${source}.ts`),
      ];
  }
  return paths;
}

let dir = '';
let hono: { dir: string } | { skip: string };
let program: ts.Program;
const blocks = tsBlocks(README);
const usesHono = (b: Block) => /from 'hono'/.test(b.code);

beforeAll(async () => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  // Inside the project, so `node:*`, express and their types resolve from its node_modules.
  dir = mkdtempSync(join(ROOT, '.tmp', 'readme-'));
  hono = await fetchTool('hono', HONO);
  if ('dir' in hono) {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(hono.dir, 'node_modules/hono'), join(dir, 'node_modules/hono'), 'dir');
  }
  const files = blocks.map((block, i) => {
    const file = join(dir, `block-${String(i + 1).padStart(2, '0')}.ts`);
    writeFileSync(file, `${block.code}\nexport {};\n`);
    return file;
  });
  writeFileSync(
    join(dir, 'context.d.ts'),
    `declare const client: InstanceType<typeof import('${PKG.name}').default>;\n`,
  );
  const compilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    types: ['node'],
    skipLibCheck: true,
    noEmit: true,
    paths: entryPaths(),
  };
  const included = files.filter((_, i) => 'dir' in hono || !usesHono(blocks[i]!));
  const config = { compilerOptions, files: [...included, join(dir, 'context.d.ts')] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dir);
  program = ts.createProgram(parsed.fileNames, parsed.options);
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A diagnostic as `README.md:<line>: <message>`, for blocks; with its file for anything else. */
function describeDiagnostic(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return message;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  const block = /block-(\d+)\.ts$/.exec(d.file.fileName);
  if (!block) return `${d.file.fileName}:${line + 1}: ${message}`;
  return `generated/README.md:${blocks[Number(block[1]) - 1]!.line + line}: ${message}`;
}

describe('generated/README.md', () => {
  it('has code to check', () => {
    expect(blocks.length).toBeGreaterThan(20);
  });

  it('type-checks every ts block against the generated package', () => {
    const errors = ts.getPreEmitDiagnostics(program).map(describeDiagnostic);
    expect(errors).toStrictEqual([]);
  });

  it('type-checks the Hono recipe with hono from npm', (ctx) => {
    if ('skip' in hono) return ctx.skip(`the Hono block is not checked: ${hono.skip}`);
    expect(blocks.some(usesHono)).toBe(true);
    expect(program.getSourceFiles().some((f) => f.fileName.includes('node_modules/hono/'))).toBe(true);
  });

  it('names every export of src/index.ts', () => {
    const checker = program.getTypeChecker();
    const index = program.getSourceFile(join(GENERATED, 'src/index.ts'))!;
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(index)!).map((s) => s.name);
    expect(exports.length).toBeGreaterThan(100);
    const named = namesInCode(README);
    expect(exports.filter((name) => name !== 'default' && !named.has(name))).toStrictEqual([]);
    expect(README).toContain('also the default export');
  });

  it('names every entry point of package.json', () => {
    const entries = Object.keys(entryPaths());
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.filter((entry) => !README.includes(`\`${entry}\``))).toStrictEqual([]);
  });

  it('shows every method of the client in an example, and for await over every list', () => {
    const checker = program.getTypeChecker();
    const full = program.getSourceFile(join(GENERATED, 'src/index.ts'))!;
    const clientSymbol = checker
      .getExportsOfModule(checker.getSymbolAtLocation(full)!)
      .find((s) => s.name === 'default')!;
    const methods = clientMethods(
      checker,
      checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(clientSymbol)),
    );
    expect(methods.length).toBeGreaterThan(5);
    const code = blocks.map((b) => b.code).join('\n');
    expect(methods.filter((m) => !code.includes(`${m.call}(`))).toStrictEqual([]);
    const lists = methods.filter((m) => m.returns.startsWith('PagePromise<'));
    expect(lists.length).toBeGreaterThan(0);
    expect(
      lists.filter(
        (m) => !new RegExp(`for await \\(const \\w+ of ${m.call.replace(/\./g, '\\.')}\\(`).test(code),
      ),
    ).toStrictEqual([]);
  });
});

/** `client.a.b.method` for every method on the client's resource objects, with its return type. */
function clientMethods(
  checker: ts.TypeChecker,
  type: ts.Type,
  path = 'client',
): Array<{ call: string; returns: string }> {
  const found: Array<{ call: string; returns: string }> = [];
  for (const property of type.getProperties()) {
    const declaration = property.valueDeclaration;
    const file = declaration?.getSourceFile().fileName ?? '';
    // Only what the generated resources and client declare; ClientCore's plumbing is not API.
    if (!/generated\/src\/(resources\/|client\.ts|full-client\.ts)/.test(file)) continue;
    const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration!);
    const call = `${path}.${property.name}`;
    const signature = propertyType.getCallSignatures()[0];
    if (signature) found.push({ call, returns: checker.typeToString(signature.getReturnType()) });
    else found.push(...clientMethods(checker, propertyType, call));
  }
  return found;
}
