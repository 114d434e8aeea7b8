/** Shared by generator tests: run the pure core on a spec text with the project's own templates. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generate, type GenerateResult } from '../../generator/core/generate.ts';
import { readTemplates } from '../../generator/cli/inputs.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SPEC_PATH = join(ROOT, 'spec/voice-media.yaml');
export const NAMING_PATH = join(ROOT, 'spec/naming.yaml');
export const GENERATED = join(ROOT, 'generated');

let templates: Record<string, string> | undefined;
let runtime: Record<string, string> | undefined;

export function generateFromText(
  specText: string,
  file = 'spec/voice-media.yaml',
  namingText?: string,
): Promise<GenerateResult> {
  templates ??= readTemplates(join(ROOT, 'templates'));
  runtime ??= readTemplates(join(ROOT, 'runtime'));
  return generate({
    spec: { text: specText, file },
    naming: { text: namingText ?? readFileSync(NAMING_PATH, 'utf8'), file: 'spec/naming.yaml' },
    templates,
    runtime,
    changelog: readFileSync(join(ROOT, 'spec/CHANGELOG.md'), 'utf8'),
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export function writeFiles(dir: string, files: Array<{ path: string; content: string }>): void {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
}

/** Runs the real CLI the way a user does (through tsx), from any working directory. */
export function runCli(script: string, args: string[], cwd = ROOT) {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, script), ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the project's TypeScript over a project: a folder with a tsconfig.json, or the file itself. */
export function typecheck(project: string) {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', project], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/**
 * Imports the generated package in `dir` (as `pkg`) in a fresh process, runs `body` against it
 * and returns the JSON the body printed last.
 */
export function runAgainst(dir: string, body: string): unknown {
  const script = join(dir, 'probe.ts');
  writeFileSync(script, `const pkg = await import(${JSON.stringify(join(dir, 'src/index.ts'))});\n${body}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

/**
 * Generates `spec` with default names (test/whole-spec/naming.yaml holds package facts only), as
 * a user's own spec would be generated, and writes the package to a fresh temp dir.
 */
export async function generatePackage(spec: string, label: string) {
  const naming = readFileSync(join(ROOT, 'test/whole-spec/naming.yaml'), 'utf8');
  const result = await generateFromText(spec, label, naming);
  const out = tempDir(label.replace(/\.\w+$/, ''));
  writeFiles(out, result.files);
  return { result, out };
}

/**
 * Script for `runAgainst`: a server on 127.0.0.1 that answers 204 and pushes `record` (an
 * expression over `req` and the body `text`) onto `requests`, and a `client` pointed at it.
 */
export const recordingServer = (record: string) => `const { createServer } = await import('node:http');
       const requests = [];
       const server = createServer((req, res) => {
         let text = '';
         req.on('data', (c) => (text += c));
         req.on('end', () => {
           requests.push(${record});
           res.writeHead(204).end();
         });
       });
       await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
       const client = new pkg.WholeSpecClient({ apiKey: 'k', maxRetries: 0, baseURL: 'http://127.0.0.1:' + server.address().port });`;
