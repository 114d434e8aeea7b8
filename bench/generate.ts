/**
 * `npm run bench:generate`: a cold run of our generator against openapi-typescript's CLI on the
 * same spec file, side by side in one run. Each sample is a fresh process (cold: nothing cached
 * in memory), the two alternate so machine load hits both alike, and the median is compared.
 *
 * Target: our full generation at most 1.5× openapi-typescript's time, while emitting far more
 * (types, guards, client, webhooks, package files, all formatted). Ours is measured twice: with
 * the format cache off (every file through prettier, as on a machine's first run) and warm (as
 * on every later run, where prettier only sees files whose text changed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SPEC = join(ROOT, 'spec/voice-media.yaml');
const ROUNDS = Number(process.argv[2] ?? 7);
const PEER = 2; // index of openapi-typescript below

interface Candidate {
  name: string;
  args: (out: string) => string[];
}

const candidates: Candidate[] = [
  {
    // Every file formatted by prettier: what the first run on a machine costs.
    name: 'ours, format cache off (--no-cache)',
    args: (out) => [join(ROOT, 'generator/cli/run.mjs'), '--out', out, '--no-cache'],
  },
  {
    // Prettier's output for unchanged files comes from .cache/: every later run.
    name: 'ours, format cache warm',
    args: (out) => [join(ROOT, 'generator/cli/run.mjs'), '--out', out],
  },
  {
    name: 'openapi-typescript CLI',
    args: (out) => [
      join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'),
      SPEC,
      '-o',
      join(out, 'schema.ts'),
    ],
  },
];

function timeOnce(candidate: Candidate): number {
  const out = mkdtempSync(join(tmpdir(), 'bench-generate-'));
  const started = performance.now();
  const run = spawnSync(process.execPath, candidate.args(out), { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - started;
  rmSync(out, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`${candidate.name} failed:\n${run.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// One warm-up each: the first process start pays for the OS file cache, which is not what we measure.
candidates.forEach(timeOnce);
const samples = candidates.map(() => [] as number[]);
for (let round = 0; round < ROUNDS; round++) {
  const order = candidates.map((_, i) => (i + round) % candidates.length);
  for (const i of order) samples[i]!.push(timeOnce(candidates[i]!));
}

for (const [i, c] of candidates.entries()) {
  const xs = samples[i]!;
  console.log(
    `${c.name.padEnd(36)} median ${median(xs).toFixed(0).padStart(5)} ms  (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n=${xs.length})`,
  );
}
for (const i of [0, 1]) {
  const ratio = median(samples[i]!) / median(samples[PEER]!);
  console.log(`ratio ${candidates[i]!.name} / openapi-typescript: ${ratio.toFixed(2)}× (target ≤ 1.50×)`);
}
