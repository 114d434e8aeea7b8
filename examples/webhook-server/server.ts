/**
 * A minimal Telnyx webhook receiver on plain `node:http`, using the package by name exactly as a
 * user's project would. Run: `TELNYX_PUBLIC_KEY=<base64 key> PORT=3000 npx tsx server.ts`
 * (`REQUEST_TIMEOUT_MS`, default 15 000, bounds how long one request may take).
 *
 * Each callback prints one JSON line to stdout (`{"callback":"call.speak.ended","id":...}`), so a
 * log pipeline (or test/webhooks/e2e.test.ts) can see exactly which callbacks ran, and how often.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhookHandler, toNodeListener, type WebhookEvent } from 'telnyx-voice-media';

// The handler reads TELNYX_PUBLIC_KEY itself (comma-separated while rotating keys).
if (!process.env.TELNYX_PUBLIC_KEY) {
  // Fail at start-up, not on the first webhook: without a key every delivery would be a 500.
  console.error('set TELNYX_PUBLIC_KEY to the base64 public key from the Telnyx portal');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);

/** One line per callback; `WebhookEvent` keeps this usable for every known event type. */
function report(event: WebhookEvent, details: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ callback: event.data.event_type, id: event.data.id, ...details }));
}

const handler = createWebhookHandler({
  on: {
    // `event` is typed from the key: here a CallSpeakEndedEvent, so `status` is its enum.
    'call.speak.started': (event) => report(event),
    'call.speak.ended': (event) => report(event, { status: event.data.payload?.status }),
    'call.playback.ended': (event) => {
      const payload = event.data.payload;
      report(event, { status: payload?.status, detail: payload?.status_detail });
    },
    'call.recording.saved': (event) => report(event, { mp3: event.data.payload?.recording_urls?.mp3 }),
  },
  // Event types newer than this package: acknowledge (200) so Telnyx does not retry them.
  onUnknown: (event) => {
    const data = event.data;
    const id = typeof data === 'object' && data !== null && 'id' in data ? data.id : undefined;
    console.log(JSON.stringify({ callback: 'unknown', event_type: event.event_type, id }));
  },
});

// Node waits 300 s by default for a request to finish: a client that sends headers and then
// trickles (or never sends) its body would hold a connection that long. A webhook is small, so
// cut such requests off early: 408 for slow headers or a slow request, checked every second.
const requestTimeout = Number(process.env.REQUEST_TIMEOUT_MS ?? 15_000);
const server = http.createServer(
  {
    headersTimeout: Math.min(10_000, requestTimeout),
    requestTimeout,
    connectionsCheckingInterval: 1_000,
  },
  toNodeListener(handler),
);
server.listen(port, '127.0.0.1', () => {
  const { port: actual } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${actual}`);
});

// Finish in-flight deliveries on shutdown instead of dropping them mid-response.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
