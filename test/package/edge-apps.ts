/**
 * The app runtimes.test.ts runs on Bun, Deno and Cloudflare Workers, as source text written into
 * a folder where the packed package is installed. One app for all three: a webhook endpoint built
 * with `createWebhookHandler` that answers `call.speak.ended` by sending a speak action with
 * `TelnyxClient`. Each runtime only adds its own way to serve a `(Request) => Response`.
 */

/** The shared app; imports the package by name, through its `./client` and `./webhooks` entries. */
export const APP = `
import { TelnyxClient } from 'telnyx-voice-media/client';
import { createWebhookHandler } from 'telnyx-voice-media/webhooks';

export interface AppEnv {
  ACTION_URL: string;
  TELNYX_PUBLIC_KEY: string;
}

export function createApp(env: AppEnv): (request: Request) => Promise<Response> {
  const client = new TelnyxClient({ apiKey: 'test-key', baseURL: env.ACTION_URL, maxRetries: 0 });
  return createWebhookHandler({
    publicKey: env.TELNYX_PUBLIC_KEY,
    on: {
      'call.speak.ended': async (event) => {
        const callControlId = event.data.payload?.call_control_id ?? 'missing';
        await client.calls.actions.speak(callControlId, { payload: 'Goodbye', voice: 'Telnyx.KokoroTTS.af' });
      },
    },
  });
}
`;

/** Each server prints `LISTENING <port>` once it accepts requests on 127.0.0.1. */
export const BUN_SERVER = `
import { createApp } from './app.ts';
const env = { ACTION_URL: process.env.ACTION_URL!, TELNYX_PUBLIC_KEY: process.env.TELNYX_PUBLIC_KEY! };
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: createApp(env) });
console.log('LISTENING ' + server.port);
`;

export const DENO_SERVER = `
import { createApp } from './app.ts';
const env = { ACTION_URL: Deno.env.get('ACTION_URL')!, TELNYX_PUBLIC_KEY: Deno.env.get('TELNYX_PUBLIC_KEY')! };
Deno.serve(
  { hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log('LISTENING ' + port) },
  createApp(env),
);
`;

/** A module Worker: bundled with esbuild as Wrangler would, then run by workerd through Miniflare. */
export const WORKER = `
import { createApp, type AppEnv } from './app.ts';
export default {
  fetch(request: Request, env: AppEnv): Promise<Response> {
    return createApp(env)(request);
  },
};
`;
