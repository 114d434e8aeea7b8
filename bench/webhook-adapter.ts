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
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWebhookHandler,
  toNodeListener,
  unwrapWebhook,
  type WebhookHandler,
} from '../generated/src/index.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const ROUND = 50;

const body = Buffer.from(
  JSON.stringify({
    data: {
      event_type: 'call.playback.ended',
      id: '2c6f5d3b-4a7e-4b9f-8d2c-8e3f6a9b0c12',
      occurred_at: new Date().toISOString(),
      payload: {
        call_control_id: 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg',
        call_leg_id: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
        media_name: 'my_media_uploaded_to_media_storage_api',
        status: 'completed',
      },
      record_type: 'event',
    },
    meta: { attempt: 1, delivered_to: 'https://example.com/webhooks' },
  }),
);
const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
const key = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');

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

/** One signed POST, signed now (the clock moves during the run); resolves with the status. */
function post(port: number): Promise<number> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = crypto.sign(null, Buffer.concat([Buffer.from(`${timestamp}|`), body]), privateKey);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(body.length),
    'telnyx-signature-ed25519': signature.toString('base64'),
    'telnyx-timestamp': timestamp,
  };
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
