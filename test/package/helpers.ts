/**
 * Shared by the package tests: the tarball `npm pack` makes of `generated/` (its `prepack` builds
 * dist/), installed into a fresh folder as a user would; tools fetched from npm into `.cache/`;
 * and a loopback server that stands in for Telnyx's API.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** Not from ../helpers/generate.ts: that one loads the whole generator, which these tests never run. */
export const ROOT = resolve(import.meta.dirname, '../..');
export const GENERATED = join(ROOT, 'generated');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export const run = promisify(execFile);
const CACHE = join(ROOT, '.cache');
/** What `npm pack` reads from generated/ (besides dist/, which its prepack writes). */
const PACKED_INPUTS = ['package.json', 'tsconfig.json', 'README.md', 'src'];
/** The project's tsc, which the generated package lists as its only (dev) dependency. */
const PATH_WITH_TSC = `${join(ROOT, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`;

/** A hash of everything the tarball is built from, so test files share one pack per content. */
function inputsHash(): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    const abs = join(GENERATED, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) walk(join(rel, name));
      return;
    }
    hash.update(rel).update('\0').update(readFileSync(abs)).update('\0');
  };
  PACKED_INPUTS.forEach(walk);
  return hash.digest('hex').slice(0, 16);
}

/**
 * `npm pack` of a copy of generated/ without dist/, as in a fresh clone: the tarball only works
 * if prepack built it. Cached under .cache/package-test/ by input hash; written by rename, so
 * test files packing at the same time cannot see half a tarball.
 */
export async function packedTarball(): Promise<string> {
  const cached = join(CACHE, 'package-test', `${inputsHash()}.tgz`);
  if (existsSync(cached)) return cached;
  const work = tempDir('telnyx-pack');
  const pkgDir = join(work, 'pkg');
  for (const entry of PACKED_INPUTS) {
    if (existsSync(join(GENERATED, entry)))
      cpSync(join(GENERATED, entry), join(pkgDir, entry), { recursive: true });
  }
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: pkgDir,
    env: { ...process.env, PATH: PATH_WITH_TSC },
    maxBuffer: 16 * 1024 * 1024,
  });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  mkdirSync(join(CACHE, 'package-test'), { recursive: true });
  renameSync(join(work, filename), cached);
  rmSync(work, { recursive: true, force: true });
  return cached;
}

/** The files `npm pack` put in the tarball, by path inside the package. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await run('tar', ['-tzf', tarball]);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^package\//, ''));
}

/**
 * A fresh folder with the tarball installed in node_modules, as `npm install <tgz>` does it.
 * Offline: the package has no dependencies, so nothing else is fetched.
 */
export async function installPackage(packageJson: object = { private: true }): Promise<string> {
  const dir = tempDir('telnyx-app');
  writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson, null, 2));
  await run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--prefix', dir, await packedTarball()],
    { cwd: dir },
  );
  return dir;
}

/** Removes a folder made by installPackage (or anything under the temp dir); '' is a no-op. */
export function removeDir(dir: string): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** How long one npm fetch of a pinned tool may take before its test skips. */
const FETCH_TIMEOUT_MS = 120_000;

/**
 * Installs `spec` (name@exact-version) into .cache/<name>/ once, without install scripts (npm
 * 11 skips them here anyway), and returns that folder, or why it could not: then the caller skips.
 */
export async function fetchTool(name: string, spec: string): Promise<{ dir: string } | { skip: string }> {
  const dir = join(CACHE, name);
  const stamp = join(dir, '.installed');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === spec) return { dir };
  try {
    await run(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--prefix',
        dir,
        spec,
      ],
      { timeout: FETCH_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (err) {
    // npm's first error lines name the cause (code, errno, 404); the rest is advice and a log path.
    const lines = ((err as { stderr?: string }).stderr ?? String(err)).split('\n');
    const why = lines
      .filter((line) => /error (code|errno|network|404)/.test(line))
      .slice(0, 2)
      .join('; ');
    return {
      skip: `could not fetch ${spec} from the npm registry into .cache/${name} (${why || lines.at(-1)})`,
    };
  }
  writeFileSync(stamp, spec);
  return { dir };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Telnyx's API on 127.0.0.1: answers every action with `{ data: { result: 'ok' } }`, and records it. */
export async function startActionServer() {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req-${requests.length}` });
      res.end(JSON.stringify({ data: { result: 'ok' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v2`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
