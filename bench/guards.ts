/**
 * Generated guards against ajv (compiled, with ajv-formats), zod 4 and a hand-written guard, on
 * a realistic `call.playback.ended` webhook body, valid and invalid, in one tinybench run.
 * Also: the date-time check vs ajv-formats' date-time, and for every schema the generated code's
 * size vs ajv standalone code, raw and after the same esbuild minify.
 * `npx tsx bench/guards.ts` (about a minute; exits by itself).
 */
import { readFileSync } from 'node:fs';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { buildSync, transformSync } from 'esbuild';
import { Bench } from 'tinybench';
import { z } from 'zod';
import { isDateTime } from '../generated/src/core/guard-formats.ts';
import {
  isCallPlaybackEndedEvent,
  validateCallPlaybackEndedEvent,
} from '../generated/src/guards/CallPlaybackEndedEvent.ts';
import { buildOracle } from '../test/guards/ajv-oracle.ts';
import { realModel } from '../test/guards/real-model.ts';

const valid = {
  data: {
    event_type: 'call.playback.ended',
    id: '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0',
    occurred_at: '2018-02-02T22:25:27.521992Z',
    payload: {
      call_control_id: 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg',
      call_leg_id: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
      call_session_id: '428c31b6-abf3-4bcb-b7f5-5013ef9657c1',
      client_state: 'aGF2ZSBhIG5pY2UgZGF5ID1d',
      connection_id: '7267xxxxxxxxxxxxxx',
      media_url: 'http://example.com/audio.wav',
      overlay: false,
      status: 'completed',
      status_detail: 'Playback completed',
    },
    record_type: 'event',
  },
};
const invalid = { data: { ...valid.data, payload: { ...valid.data.payload, status: 'done' } } };

// ---- ajv, from the same spec bundle the differential tests use ----
const { model, diagnostics } = realModel();
const ajvValidate = buildOracle(model, diagnostics).validatorFor('CallPlaybackEndedEvent');
// The fair peer for speed: ajv as applications compile it, stopping at the first error.
const ajvFast = buildOracle(model, diagnostics, { allErrors: false }).validatorFor('CallPlaybackEndedEvent');

// ---- zod 4, written by hand to the same schema ----
const zodEvent = z.object({
  data: z.object({
    event_type: z.literal('call.playback.ended'),
    id: z.uuid().optional(),
    occurred_at: z.iso.datetime({ offset: true }).optional(),
    payload: z
      .object({
        call_control_id: z.string().optional(),
        call_leg_id: z.string().optional(),
        call_session_id: z.string().optional(),
        client_state: z.string().optional(),
        connection_id: z.string().optional(),
        media_name: z.string().optional(),
        media_url: z.string().optional(),
        overlay: z.boolean().optional(),
        status: z
          .enum([
            'file_not_found',
            'call_hangup',
            'unknown',
            'cancelled',
            'cancelled_amd',
            'completed',
            'failed',
          ])
          .optional(),
        status_detail: z.string().optional(),
      })
      .optional(),
    record_type: z.literal('event'),
  }),
});

// ---- hand-written: what a careful person writes without a generator ----
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)$/;
const STATUSES = new Set([
  'file_not_found',
  'call_hangup',
  'unknown',
  'cancelled',
  'cancelled_amd',
  'completed',
  'failed',
]);
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown) => v === undefined || typeof v === 'string';
function handWritten(value: unknown): boolean {
  if (!isObj(value) || !isObj(value.data)) return false;
  const d = value.data;
  if (d.event_type !== 'call.playback.ended' || d.record_type !== 'event') return false;
  if (d.id !== undefined && !(typeof d.id === 'string' && UUID.test(d.id))) return false;
  if (
    d.occurred_at !== undefined &&
    !(
      typeof d.occurred_at === 'string' &&
      DATE_TIME.test(d.occurred_at) &&
      !Number.isNaN(Date.parse(d.occurred_at))
    )
  )
    return false;
  const p = d.payload;
  if (p === undefined) return true;
  if (!isObj(p)) return false;
  return (
    optString(p.call_control_id) &&
    optString(p.call_leg_id) &&
    optString(p.call_session_id) &&
    optString(p.client_state) &&
    optString(p.connection_id) &&
    optString(p.media_name) &&
    optString(p.media_url) &&
    optString(p.status_detail) &&
    (p.overlay === undefined || typeof p.overlay === 'boolean') &&
    (p.status === undefined || STATUSES.has(p.status as string))
  );
}

// Every contestant must agree before any number means anything.
for (const [name, check] of [
  ['is', isCallPlaybackEndedEvent],
  ['validate', (v: unknown) => validateCallPlaybackEndedEvent(v).ok],
  ['ajv', ajvValidate],
  ['ajv (first error)', ajvFast],
  ['zod', (v: unknown) => zodEvent.safeParse(v).success],
  ['hand', handWritten],
] as const) {
  if (check(valid) !== true || check(invalid) !== false)
    throw new Error(`${name} disagrees on the bench inputs`);
}

let sink = 0; // keeps results alive so nothing is optimized away
// Each task runs its check REPEAT times so tinybench's per-call overhead does not swamp fast
// checks. Every loop is its own function literal on purpose: closures made by one shared helper
// share V8's call-site feedback, which turns the inner call megamorphic and slows every contestant.
const REPEAT = 100;
const bench = new Bench({ time: 700, warmup: true });
for (const [label, input] of [
  ['valid', valid],
  ['invalid', invalid],
] as const) {
  bench
    .add(`${label} generated isX`, () => {
      for (let i = 0; i < REPEAT; i++) if (isCallPlaybackEndedEvent(input)) sink++;
    })
    .add(`${label} generated validateX`, () => {
      for (let i = 0; i < REPEAT; i++) if (validateCallPlaybackEndedEvent(input).ok) sink++;
    })
    .add(`${label} ajv`, () => {
      for (let i = 0; i < REPEAT; i++) if (ajvFast(input)) sink++;
    })
    .add(`${label} zod 4`, () => {
      for (let i = 0; i < REPEAT; i++) if (zodEvent.safeParse(input).success) sink++;
    })
    .add(`${label} hand-written`, () => {
      for (let i = 0; i < REPEAT; i++) if (handWritten(input)) sink++;
    });
}
const dates = ['2018-02-02T22:25:27.521992Z', '2024-02-29T23:59:59+05:30', '2023-02-29T10:00:00Z'];
const ajvDateTime = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;
bench.add('date-time generated', () => {
  for (let i = 0; i < REPEAT; i++) for (const d of dates) if (isDateTime(d)) sink++;
});
bench.add('date-time ajv-formats', () => {
  for (let i = 0; i < REPEAT; i++) for (const d of dates) if (ajvDateTime(d)) sink++;
});
// Three rounds, each task's median kept: on a shared VM one noisy stretch can halve a single
// task's number, and every contestant gets the same treatment.
const ROUNDS = 3;
const samples = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  await bench.run();
  for (const t of bench.tasks) {
    const perSec = t.result.state === 'completed' ? (REPEAT * 1000) / t.result.latency.mean : 0;
    samples.set(t.name, [...(samples.get(t.name) ?? []), perSec]);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ops = (name: string) => median(samples.get(name) ?? []);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
for (const label of ['valid', 'invalid']) {
  console.log(`\n${label} input               ops/sec   vs ajv   vs hand-written`);
  for (const who of ['generated isX', 'generated validateX', 'ajv', 'zod 4', 'hand-written']) {
    const n = ops(`${label} ${who}`);
    console.log(
      `  ${who.padEnd(20)}${fmt(n)}  ${(n / ops(`${label} ajv`)).toFixed(2).padStart(6)}×  ${(n / ops(`${label} hand-written`)).toFixed(2).padStart(6)}×`,
    );
  }
}
const ratio = ops('date-time ajv-formats') / ops('date-time generated');
console.log(
  `\ndate-time check: generated ${fmt(ops('date-time generated') * 3)} /s, ajv-formats ${fmt(ops('date-time ajv-formats') * 3)} /s; generated costs ${ratio.toFixed(3)} of ajv-formats' time`,
);

// ---- code size: for every schema, the guard modules it loads vs ajv standalone for it ----
// Two measures. Raw: characters as written, ours formatted with docs, ajv's as it emits it.
// Minified: both sides through the same esbuild transform (minify, tree-shaking, ES module,
// TypeScript types stripped), which is what a bundle ships. Neither side counts its shared
// runtime: our src/core helpers, ajv's runtime helpers and ajv-formats' format functions.
const oracle = buildOracle(model, diagnostics, { code: { source: true } });
const esmOracle = buildOracle(model, diagnostics, { code: { source: true, esm: true } });
const standalone = (() => {
  // CommonJS default export: under NodeNext it may arrive wrapped in `{ default }`.
  const mod = standaloneCode as unknown as { default?: unknown };
  return (mod.default ?? mod) as (ajv: unknown, validate: unknown) => string;
})();
const minified = (code: string, loader: 'ts' | 'js') =>
  transformSync(code, { loader, format: 'esm', minify: true, treeShaking: true, target: 'es2022' }).code
    .length;
const schemasSource = readFileSync('generated/src/schemas.ts', 'utf8');
/** An enum value list a guard imports from schemas.ts counts toward that guard's size. */
const valueList = (name: string) =>
  new RegExp(`export const ${name} = \\[[^\\]]*\\] as const;`).exec(schemasSource)?.[0] ?? '';
interface Size {
  raw: number;
  min: number;
}
/** The guard module of `typeName`, every guard module it imports, and the value lists they use. */
function guardClosureSize(typeName: string, seen = new Set<string>()): Size {
  if (seen.has(typeName)) return { raw: 0, min: 0 };
  seen.add(typeName);
  const text = readFileSync(`generated/src/guards/${typeName}.ts`, 'utf8');
  const imports = [...text.matchAll(/from '\.\/([A-Za-z0-9_]+)\.js'/g)].map((m) => m[1]!);
  // The import may be broken over several lines by prettier.
  const fromSchemas =
    /import \{\s*type [A-Za-z0-9_]+,([^}]+)\} from '\.\.\/schemas\.js'/.exec(text)?.[1] ?? '';
  const lists = fromSchemas
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map(valueList);
  const size = {
    raw: text.length + lists.reduce((sum, l) => sum + l.length, 0),
    min: minified(text, 'ts') + lists.reduce((sum, l) => sum + minified(l, 'ts'), 0),
  };
  for (const other of imports) {
    const more = guardClosureSize(other, seen);
    size.raw += more.raw;
    size.min += more.min;
  }
  return size;
}
/**
 * What a bundle ships for one guard: esbuild bundles an entry that re-exports the guard's whole
 * API (`is…`, `validate…`, `assert…`), tree-shakes and minifies it. Our shared runtime stays
 * external, as ajv's does below; the enum lists come along from schemas.ts as they are used.
 * ajv's standalone module has nothing to shake but exports, so its minified size above is
 * already what it ships (bundling it would only add esbuild's `require` shim).
 */
function bundledSize(typeName: string): number {
  const entry = `export { is${typeName}, validate${typeName}, assert${typeName} } from './generated/src/guards/${typeName}.ts';`;
  const result = buildSync({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'error',
    // The guards import the runtime as '../core/….js'.
    external: ['../core/*'],
  });
  return result.outputFiles[0]!.text.length;
}
const smaller = { raw: 0, min: 0, bundled: 0 };
const rows: string[] = [];
const col = (n: number) => String(n).padStart(7);
for (const schema of model.schemas) {
  const ours = guardClosureSize(schema.typeName);
  const ajvRaw = standalone(oracle.ajv, oracle.validatorFor(schema.name)).length;
  const ajvMin = minified(standalone(esmOracle.ajv, esmOracle.validatorFor(schema.name)), 'js');
  if (ours.raw < ajvRaw) smaller.raw++;
  if (ours.min < ajvMin) smaller.min++;
  const oursBundled = bundledSize(schema.typeName);
  if (oursBundled < ajvMin) smaller.bundled++;
  rows.push(
    `  ${schema.typeName.padEnd(38)} ${col(ours.raw)}  ${col(ajvRaw)}    ${col(ours.min)}  ${col(ajvMin)}    ${col(oursBundled)}`,
  );
}
const coreMin = ['guard-support', 'guard-formats', 'validation'].reduce(
  (sum, name) => sum + minified(readFileSync(`generated/src/core/${name}.ts`, 'utf8'), 'ts'),
  0,
);
console.log(`
code size (characters; ours = the guard's module, the guard modules it imports and the enum lists
they take from schemas.ts; neither side counts its shared runtime)`);
console.log(
  `  ${'schema'.padEnd(38)} ${'raw: ours'.padStart(9)}  ${'ajv'.padStart(5)}    ${'min: ours'.padStart(9)}  ${'ajv'.padStart(5)}    ${'bundled: ours'.padStart(7)}`,
);
console.log(rows.join('\n'));
const all = model.schemas.length;
console.log(
  `ours is smaller for ${smaller.raw} of ${all} schemas raw, ${smaller.min} of ${all} minified, ` +
    `${smaller.bundled} of ${all} bundled (tree-shaken to the guard's API, against ajv minified)`,
);
console.log(
  `(our shared guard runtime, src/core/guard-support, guard-formats and validation: ${coreMin} characters minified)`,
);
console.log(`(sink ${sink > 0 ? 'ok' : 'empty'})`);
