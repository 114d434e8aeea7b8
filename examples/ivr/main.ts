/**
 * Starts the IVR: uploads the greeting to Telnyx Media Storage, then serves the webhooks of
 * `ivr.ts` on plain `node:http`. Settings come from the environment (see README.md):
 *
 *   TELNYX_API_KEY=… TELNYX_PUBLIC_KEY=… PORT=3000 node --import tsx examples/ivr/main.ts
 *
 * Prints `listening on http://127.0.0.1:<port>` once the greeting is uploaded and the server is
 * accepting webhooks.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join } from 'node:path';
import { TelnyxClient, toNodeListener } from 'telnyx-voice-media';
import { createIvrHandler } from './ivr.js';

const env = process.env;
const publicKey = env.TELNYX_PUBLIC_KEY;
if (!env.TELNYX_API_KEY || !publicKey) {
  console.error('set TELNYX_API_KEY (API v2 key) and TELNYX_PUBLIC_KEY (webhook public key, base64)');
  process.exit(1);
}
const port = Number(env.PORT ?? 3000);
const greetingFile = env.IVR_GREETING_FILE ?? join(import.meta.dirname, 'greeting.wav');
const greetingName = env.IVR_GREETING_MEDIA_NAME ?? 'ivr-greeting';
const recordingsDir = env.IVR_RECORDINGS_DIR ?? 'recordings';

// Reads TELNYX_API_KEY; TELNYX_BASE_URL points it at another server (a test double, a proxy).
const client = new TelnyxClient({ baseURL: env.TELNYX_BASE_URL });

/**
 * Uploads the greeting as a multipart file and returns the media_name to play it by. Telnyx keeps
 * it for `ttl_secs`; uploading a name that still exists fails, so pick a fresh name per deploy
 * or delete the old one first (`client.media.delete(name)`).
 */
async function uploadGreeting(): Promise<string> {
  const type = extname(greetingFile) === '.mp3' ? 'audio/mpeg' : 'audio/wav';
  const media = new File([await readFile(greetingFile)], basename(greetingFile), { type });
  const uploaded = await client.media.upload({ media, media_name: greetingName, ttl_secs: 7 * 24 * 3600 });
  return uploaded.data?.media_name ?? greetingName;
}

const greetingMediaName = await uploadGreeting();
const handler = createIvrHandler({ client, publicKey, greetingMediaName, recordingsDir });

// A webhook is small: cut off clients that trickle their request (Node would wait 300 s).
const server = http.createServer({ headersTimeout: 10_000, requestTimeout: 15_000 }, toNodeListener(handler));
server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

// Let webhooks in progress finish (a recording may be downloading) before exiting.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
