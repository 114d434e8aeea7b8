/**
 * What the node:http adapter costs per webhook, on real loopback HTTP. Run:
 * `npx tsx bench/webhook-adapter.ts` (about 20 s).
 *
 * Three servers, each on 127.0.0.1, get the same signed call.playback.ended POSTs from one
 * keep-alive client, one request at a time, taking turns in rounds:
 * - bare: a hand-written listener that reads the body, calls `unwrapWebhook` and the callback, and
 *   writes `{"ok":true}`. The floor for any adapter.
 * - direct: `toNodeListener(createWebhookHandler(...))`, which finds the handler's core and calls
 *   it with Node's headers and bytes.
 * - fetch: the same handler wrapped in a plain arrow function, which hides its core, so the
 *   adapter builds a Fetch `Request`, and writes the `Response` the handler returns. That is what
 *   every webhook paid before the direct path.
 * The client's own cost is in every number alike; the differences are the servers'.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWebhookHandler,
  toNodeListener,
  unwrapWebhook,
  type WebhookHandler,
} from '../generated/src/index.ts';
import { generateWebhookKeyPair, signWebhook } from '../generated/src/testing.ts';
import { playbackEndedBody } from './webhook-sample.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const ROUND = 50;

const body = playbackEndedBody;
// Signed once: the run is far shorter than the 300 s the verifier tolerates.
const keys = await generateWebhookKeyPair();
const signed = await signWebhook(body, keys.privateKey);
const key = keys.publicKey;

let callbacks = 0;
const onEnded = () => void callbacks++;
const handler = createWebhookHandler({ publicKey: key, on: { 'call.playback.ended': onEnded } });
const hidden: WebhookHandler = (request) => handler(request);

const bare: http.RequestListener = (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    unwrapWebhook(Buffer.concat(chunks), { headers: req.headers, key })
      .then(() => {
        onEnded();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      })
      .catch(() => res.writeHead(400).end());
  });
};

async function listen(listener: http.RequestListener): Promise<number> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return (server.address() as AddressInfo).port;
}

const servers = [
  { name: 'bare: unwrapWebhook in a hand-written listener', port: await listen(bare) },
  { name: 'direct: toNodeListener(createWebhookHandler)', port: await listen(toNodeListener(handler)) },
  { name: 'fetch: the same handler through Request/Response', port: await listen(toNodeListener(hidden)) },
];
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

const headers = {
  ...signed,
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(body)),
};

/** One signed POST; resolves with the status. */
function post(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const perRequest = servers.map(() => [] as number[]);
const start = performance.now();
for (let round = 0; performance.now() - start < SECONDS * 1000; round++) {
  for (const [i, server] of servers.entries()) {
    const t = performance.now();
    for (let k = 0; k < ROUND; k++)
      if ((await post(server.port)) !== 200) throw new Error(`${server.name}: not 200`);
    if (round > 0) perRequest[i]!.push(((performance.now() - t) * 1000) / ROUND); // round 0 warms up
  }
}
agent.destroy();

const floor = median(perRequest[0]!);
console.log(`Node ${process.version}, ${perRequest[0]!.length} rounds of ${ROUND} requests each\n`);
for (const [i, server] of servers.entries()) {
  const us = median(perRequest[i]!);
  const extra = us - floor;
  console.log(
    `${server.name.padEnd(50)} ${us.toFixed(0).padStart(5)} µs/request  +${extra.toFixed(0)} µs over bare`,
  );
}
console.log(`\n${callbacks} callbacks ran (every request once)`);
