/**
 * `npm run bench:generate`: a cold run of our generator against openapi-typescript's CLI on the
 * same spec file, side by side in one run. Each sample is a fresh process (cold: nothing cached
 * in memory), the two alternate so machine load hits both alike, and the median is compared.
 *
 * Target: our full generation at most 1.5× openapi-typescript's time, while emitting far more
 * (types, guards, client, webhooks, package files, all formatted). Ours is measured twice: with
 * the format cache off (every file through prettier, as on a machine's first run) and warm (as
 * on every later run, where prettier only sees files whose text changed).
 *
 * Then, where ../shared has Telnyx's whole spec, one run each of ours, hey-api and
 * openapi-typescript on it, and tsc over ours and hey-api's output (bench/whole-spec.ts): targets
 * ours ≤ 1.0× hey-api's wall time, peak memory ≤ 1.5 GB, our tsc ≤ 1.5× tsc over hey-api's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Measured, wholeSpecRows } from './whole-spec.ts';

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

const WHOLE = join(ROOT, '../shared/telnyx-openapi/spec3-2026-07-16.yml');
if (!existsSync(WHOLE)) console.log(`\nwhole spec: skipped, ${WHOLE} is missing`);
else {
  console.log(`\nwhole spec ${WHOLE.split('/').at(-1)}, one run each:`);
  const rows = wholeSpecRows(ROOT, WHOLE);
  for (const r of rows)
    console.log(
      `${r.name.padEnd(80)} ${r.seconds.toFixed(1).padStart(6)} s  peak ${r.maxRssMB ?? '?'} MB ${r.note}`,
    );
  const ratio = (a: Measured | undefined, b: Measured | undefined) =>
    ((a?.seconds ?? NaN) / (b?.seconds ?? NaN)).toFixed(2);
  console.log(
    `ratio ours / hey-api: ${ratio(rows[0], rows[1])}× (target ≤ 1.0×); ours / openapi-typescript: ${ratio(rows[0], rows[2])}×`,
  );
  console.log(`ratio tsc over ours / over hey-api's: ${ratio(rows[3], rows[4])}× (target ≤ 1.5×)`);
}
