/**
 * Per-call overhead of the generated `telnyx-voice-media` client vs the official `telnyx` package.
 *
 *   npx tsx bench/client.ts            # 2,000 action calls and 700 list walks each (default)
 *   npx tsx bench/client.ts 5000       # N action calls and N/3 list walks each
 *
 * Two comparisons, each client against the same loopback `node:http` server, through the
 * runtime's global `fetch`, one call at a time:
 * - `client.calls.actions.startPlayback` (ours with its defaults, so local validation and the
 *   command_id are part of the cost), answered `{"data":{"result":"ok"}}`;
 * - a list walk: `for await` over every item of `client.recordings.list()`, three pages of 20
 *   recordings each (`meta.page_number` / `meta.total_pages`, the next page asked for with
 *   `page[number]`), which both clients follow by themselves. One walk is three requests.
 * Rounds alternate between the two clients so drift (CPU frequency, GC, JIT) hits both alike.
 * Prints ops/sec for each and the ratio of per-call time ours/official (target <= 1.0).
 * Each comparison is capped at about 60 s; the run exits by itself.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import Telnyx from 'telnyx';
// The generated package, through its public entry: the same path a user's call takes.
import { Telnyx as VoiceMedia } from '../generated/src/index.ts';

const CALLS_EACH = Number(process.argv[2] ?? 2_000);
const WARMUP_EACH = 300;
const ROUND_SIZE = 100;
const TIME_CAP_MS = 60_000;
const API_KEY = 'KEY_BENCH';
const CALL_ID = 'v3:bench-call-control-id';
const BODY = { audio_url: 'https://example.com/hello.mp3' };
const PAGES = 3;
const PAGE_SIZE = 20;

const REPLY = JSON.stringify({ data: { result: 'ok' } });

/** A recording as the Recordings API lists it, with every field the spec gives it. */
function recording(n: number) {
  const id = `3fa85f64-5717-4562-b3fc-${String(n).padStart(12, '0')}`;
  return {
    id,
    call_control_id: `v3:bench-${n}`,
    call_leg_id: `84a97d76-e40f-11ed-9074-${String(n).padStart(12, '0')}`,
    call_session_id: `84a97d76-e40f-11ed-9074-${String(n).padStart(12, '1')}`,
    channels: 'single',
    conference_id: null,
    connection_id: '175237942907135762',
    created_at: '2026-03-14T09:33:12.870Z',
    download_urls: { mp3: `https://storage.example.com/${id}.mp3?X-Amz-Expires=600`, wav: null },
    duration_millis: 60_000 + n,
    from: '+15551234567',
    initiated_by: 'StartCallRecordingAPI',
    record_type: 'recording',
    recording_ended_at: '2026-03-14T09:33:10.513Z',
    recording_started_at: '2026-03-14T09:31:58.105Z',
    source: 'call',
    status: 'completed',
    to: '+15557654321',
    updated_at: '2026-03-14T09:33:12.870Z',
  };
}

/** The three list pages, serialized once: the server's own cost stays the same for both clients. */
const PAGE_BODIES = Array.from({ length: PAGES }, (_, p) =>
  JSON.stringify({
    data: Array.from({ length: PAGE_SIZE }, (_, i) => recording(p * PAGE_SIZE + i)),
    meta: { page_number: p + 1, page_size: PAGE_SIZE, total_pages: PAGES, total_results: PAGES * PAGE_SIZE },
  }),
);

const server = createServer((req, res) => {
  req.resume(); // drain the body so the connection can be reused
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const page = Number(url.searchParams.get('page[number]') ?? 1);
    const body = url.pathname === '/recordings' ? PAGE_BODIES[page - 1] : REPLY;
    res.writeHead(body === undefined ? 404 : 200, {
      'content-type': 'application/json',
      'x-request-id': 'bench',
    });
    res.end(body ?? '{"errors":[]}');
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const ours = new VoiceMedia({ apiKey: API_KEY, baseURL });
const official = new Telnyx({ apiKey: API_KEY, baseURL });

/** Walks every item of every page; throws unless it saw them all, so a broken walk cannot look fast. */
async function walk(list: AsyncIterable<{ id?: string | null }>): Promise<void> {
  let items = 0;
  for await (const item of list) if (item.id) items++;
  if (items !== PAGES * PAGE_SIZE) throw new Error(`the walk saw ${items} items, not ${PAGES * PAGE_SIZE}`);
}

type Contender = { name: string; call: () => Promise<unknown>; calls: number; ms: number };

/** Runs `n` sequential calls and returns the elapsed milliseconds. */
async function run(call: () => Promise<unknown>, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await call();
  return performance.now() - started;
}

/** Warms both contenders up, then runs them in alternating rounds and prints the comparison. */
async function compare(
  title: string,
  unit: string,
  callsEach: number,
  contenders: Contender[],
): Promise<void> {
  const roundSize = Math.min(ROUND_SIZE, callsEach);
  // Warm up both (JIT, connection pool), interleaved; a failing call ends the run here.
  for (let i = 0; i < Math.ceil(WARMUP_EACH / ROUND_SIZE); i++) {
    for (const c of contenders) await run(c.call, roundSize);
  }
  const deadline = performance.now() + TIME_CAP_MS;
  let round = 0;
  while (contenders.some((c) => c.calls < callsEach) && performance.now() < deadline) {
    // Alternate who goes first each round, so neither always follows the other's GC debt.
    const order = round++ % 2 === 0 ? contenders : [...contenders].reverse();
    for (const c of order) {
      const n = Math.min(roundSize, callsEach - c.calls);
      if (n <= 0) continue;
      c.ms += await run(c.call, n);
      c.calls += n;
    }
  }

  console.log(title);
  const perCallUs = (c: Contender) => (c.ms / c.calls) * 1_000;
  for (const c of contenders) {
    const opsPerSec = (c.calls / c.ms) * 1_000;
    console.log(
      `  ${c.name.padEnd(26)} ${String(c.calls).padStart(6)} ${unit}  ${opsPerSec.toFixed(0).padStart(7)} ops/s  ${perCallUs(c).toFixed(1).padStart(8)} µs each`,
    );
  }
  const [a, b] = contenders as [Contender, Contender];
  console.log(
    `  ratio ours/official (time each): ${(perCallUs(a) / perCallUs(b)).toFixed(3)}  (target <= 1.0)`,
  );
  if (a.calls < callsEach || b.calls < callsEach)
    console.log(`  stopped early at the ${TIME_CAP_MS / 1000} s cap`);
}

await compare('calls.actions.startPlayback, one request', 'calls', CALLS_EACH, [
  {
    name: 'ours (generated client)',
    call: () => ours.calls.actions.startPlayback(CALL_ID, BODY),
    calls: 0,
    ms: 0,
  },
  {
    name: 'official telnyx@7',
    call: () => official.calls.actions.startPlayback(CALL_ID, BODY),
    calls: 0,
    ms: 0,
  },
]);
await compare(
  `recordings.list, for await over ${PAGES} pages of ${PAGE_SIZE}`,
  'walks',
  Math.ceil(CALLS_EACH / 3),
  [
    { name: 'ours (generated client)', call: () => walk(ours.recordings.list()), calls: 0, ms: 0 },
    { name: 'official telnyx@7', call: () => walk(official.recordings.list()), calls: 0, ms: 0 },
  ],
);

server.closeAllConnections();
server.close();
