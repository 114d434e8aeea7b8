/**
 * Per-call overhead of the generated `telnyx-voice-media` client vs the official `telnyx` package.
 *
 *   npx tsx bench/client.ts            # 2,000 calls each (default)
 *   npx tsx bench/client.ts 5000       # N calls each
 *
 * Both clients send the same `client.calls.actions.startPlayback` call (ours with its defaults,
 * so local validation and the command_id are part of the cost), one at a time, to the same loopback
 * `node:http` server answering `{"data":{"result":"ok"}}`, through the runtime's global `fetch`.
 * Rounds alternate between the two clients so drift (CPU frequency, GC, JIT) hits both alike.
 * Prints ops/sec for each and the ratio of per-call time ours/official (target <= 1.0).
 * The whole run is capped at about 60 s; it exits by itself.
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

const REPLY = JSON.stringify({ data: { result: 'ok' } });
const server = createServer((req, res) => {
  req.resume(); // drain the body so the connection can be reused
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'bench' });
    res.end(REPLY);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const ours = new VoiceMedia({ apiKey: API_KEY, baseURL });
const official = new Telnyx({ apiKey: API_KEY, baseURL });

const callOurs = () => ours.calls.actions.startPlayback(CALL_ID, BODY);
const callOfficial = () => official.calls.actions.startPlayback(CALL_ID, BODY);

type Contender = { name: string; call: () => Promise<unknown>; calls: number; ms: number };
const contenders: Contender[] = [
  { name: 'ours (generated client)', call: callOurs, calls: 0, ms: 0 },
  { name: 'official telnyx@7', call: callOfficial, calls: 0, ms: 0 },
];

/** Runs `n` sequential calls and returns the elapsed milliseconds. */
async function run(call: () => Promise<unknown>, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await call();
  return performance.now() - started;
}

// Warm up both (JIT, connection pool), interleaved, and check both really succeed.
for (let i = 0; i < WARMUP_EACH / ROUND_SIZE; i++) {
  for (const c of contenders) await run(c.call, ROUND_SIZE);
}

const deadline = performance.now() + TIME_CAP_MS;
let round = 0;
while (contenders.some((c) => c.calls < CALLS_EACH) && performance.now() < deadline) {
  // Alternate who goes first each round, so neither always follows the other's GC debt.
  const order = round++ % 2 === 0 ? contenders : [...contenders].reverse();
  for (const c of order) {
    const n = Math.min(ROUND_SIZE, CALLS_EACH - c.calls);
    if (n <= 0) continue;
    c.ms += await run(c.call, n);
    c.calls += n;
  }
}

const perCallUs = (c: Contender) => (c.ms / c.calls) * 1_000;
for (const c of contenders) {
  const opsPerSec = (c.calls / c.ms) * 1_000;
  console.log(
    `${c.name.padEnd(26)} ${String(c.calls).padStart(6)} calls  ${opsPerSec.toFixed(0).padStart(7)} ops/s  ${perCallUs(c).toFixed(1).padStart(7)} µs/call`,
  );
}
const [a, b] = contenders as [Contender, Contender];
console.log(
  `ratio ours/official (per-call time): ${(perCallUs(a) / perCallUs(b)).toFixed(3)}  (target <= 1.0)`,
);
if (a.calls < CALLS_EACH || b.calls < CALLS_EACH)
  console.log(`stopped early at the ${TIME_CAP_MS / 1000} s cap`);

server.closeAllConnections();
server.close();
