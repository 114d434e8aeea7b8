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
 *   npm run bench:generate -- [rounds] [--spec <file>] [--base <dir>] [--whole <file>]
 *                             [--no-fragment] [--no-whole] [--no-tsc]
 *
 * `--spec` measures another spec (the older 86 KB fragment, say); `--base <dir>` adds a third
 * candidate, the generator of another copy of the project (e.g. the last commit, checked out
 * with its own node_modules linked) with the format cache off, taking turns with the others:
 * the way to tell what a change to the generator did on a machine whose load moves. Each run
 * also reports its CPU time (user + system, from GNU time), which the load moves less.
 * `--whole` picks another whole spec (GitHub's, say); `--no-fragment`, `--no-whole` and
 * `--no-tsc` leave parts out.
 *
 * Then, unless `--no-whole`, where ../shared has Telnyx's whole spec, one run each of ours, hey-api and
 * openapi-typescript on it, and tsc over ours and hey-api's output (bench/whole-spec.ts): targets
 * ours ≤ 1.0× hey-api's wall time, peak memory ≤ 1.5 GB, our tsc ≤ 1.5× tsc over hey-api's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measure, type Measured, wholeSpecRows } from './whole-spec.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values: flags, positionals } = parseArgs({
  options: {
    spec: { type: 'string' },
    base: { type: 'string' },
    whole: { type: 'string' },
    'no-whole': { type: 'boolean' },
    'no-fragment': { type: 'boolean' },
    'no-tsc': { type: 'boolean' },
  },
  allowPositionals: true,
});
const SPEC = resolve(flags.spec ?? join(ROOT, 'spec/voice-media.yaml'));
const ROUNDS = Number(positionals[0] ?? 7);
const PEER = 2; // index of openapi-typescript below

interface Candidate {
  name: string;
  args: (out: string) => string[];
}

const candidates: Candidate[] = [
  {
    // Every file formatted by prettier: what the first run on a machine costs.
    name: 'ours, format cache off (--no-cache)',
    args: (out) => [join(ROOT, 'generator/cli/run.mjs'), '--spec', SPEC, '--out', out, '--no-cache'],
  },
  {
    // Prettier's output for unchanged files comes from .cache/: every later run.
    name: 'ours, format cache warm',
    args: (out) => [join(ROOT, 'generator/cli/run.mjs'), '--spec', SPEC, '--out', out],
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
if (flags.base) {
  const base = resolve(flags.base);
  candidates.push({
    name: 'base, format cache off (--no-cache)',
    args: (out) => [join(base, 'generator/cli/run.mjs'), '--spec', SPEC, '--out', out, '--no-cache'],
  });
}

function timeOnce(candidate: Candidate): Measured {
  const out = mkdtempSync(join(tmpdir(), 'bench-generate-'));
  const run = measure(candidate.name, candidate.args(out), ROOT);
  rmSync(out, { recursive: true, force: true });
  if (run.note) throw new Error(`${candidate.name} failed: ${run.note}`);
  return run;
}

const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpu = (run: Measured) => run.cpuSeconds ?? NaN;

if (!flags['no-fragment']) {
  const loadBefore = loadAverage();
  // One warm-up each: the first process start pays for the OS file cache, which is not what we measure.
  candidates.forEach(timeOnce);
  const samples = candidates.map(() => [] as Measured[]);
  for (let round = 0; round < ROUNDS; round++) {
    const order = candidates.map((_, i) => (i + round) % candidates.length);
    for (const i of order) samples[i]!.push(timeOnce(candidates[i]!));
  }
  for (const [i, c] of candidates.entries()) {
    const ms = samples[i]!.map((s) => s.seconds * 1000);
    console.log(
      `${c.name.padEnd(36)} median ${median(ms).toFixed(0).padStart(5)} ms  (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}, n=${ms.length}); CPU ${median(samples[i]!.map(cpu)).toFixed(2)} s, peak ${median(samples[i]!.map((s) => s.maxRssMB ?? NaN))} MB`,
    );
  }
  console.log(
    `spec ${SPEC} (${(statSync(SPEC).size / 1024).toFixed(0)} KB); load average before: ${loadBefore}, after: ${loadAverage()}`,
  );
  for (const i of flags.base ? [0, 1, 3] : [0, 1]) {
    const ratio = median(samples[i]!.map((s) => s.seconds)) / median(samples[PEER]!.map((s) => s.seconds));
    console.log(`ratio ${candidates[i]!.name} / openapi-typescript: ${ratio.toFixed(2)}× (target ≤ 1.50×)`);
  }
}

const WHOLE = resolve(flags.whole ?? join(ROOT, '../shared/telnyx-openapi/spec3-2026-07-16.yml'));
if (flags['no-whole']) console.log('\nwhole spec: skipped (--no-whole)');
else if (!existsSync(WHOLE)) console.log(`\nwhole spec: skipped, ${WHOLE} is missing`);
else {
  const loadBefore = loadAverage();
  console.log(`\nwhole spec ${WHOLE.split('/').at(-1)}, one run each:`);
  const rows = wholeSpecRows(ROOT, WHOLE, {
    ...(flags.base ? { base: resolve(flags.base) } : {}),
    skipTsc: flags['no-tsc'] ?? false,
  });
  for (const r of rows.values())
    console.log(
      `${r.name.padEnd(80)} ${r.seconds.toFixed(1).padStart(6)} s  CPU ${r.cpuSeconds?.toFixed(1) ?? '?'} s  peak ${r.maxRssMB ?? '?'} MB ${r.note}`,
    );
  console.log(`load average before: ${loadBefore}, after: ${loadAverage()}`);
  const ratio = (a: string, b: string) =>
    ((rows.get(a)?.seconds ?? NaN) / (rows.get(b)?.seconds ?? NaN)).toFixed(2);
  console.log(
    `ratio ours / hey-api: ${ratio('ours', 'hey-api')}× (target ≤ 1.0×); ours / openapi-typescript: ${ratio('ours', 'openapi-typescript')}×`,
  );
  if (flags.base) console.log(`ratio ours / base: ${ratio('ours', 'base')}×`);
  if (!flags['no-tsc']) {
    console.log(`ratio tsc over ours / over hey-api's: ${ratio('tsc ours', 'tsc hey-api')}× (target ≤ 1.5×)`);
    console.log(
      `ratio tsc over ours with guards: used / over hey-api's: ${ratio('tsc ours guards used', 'tsc hey-api')}×; generate with guards: used / hey-api: ${ratio('ours guards used', 'hey-api')}×`,
    );
    console.log(
      `ratio tsc over ours with guards: none, openapiTypes: false / over hey-api's: ${ratio('tsc ours guards none', 'tsc hey-api')}×; generate with them / hey-api: ${ratio('ours guards none', 'hey-api')}×`,
    );
    for (const skip of [true, false])
      console.log(
        `ratio tsc over an app using ours / using hey-api's, skipLibCheck: ${skip}: ${ratio(`app ours skipLibCheck: ${skip}`, `app hey-api skipLibCheck: ${skip}`)}×`,
      );
  }
}
