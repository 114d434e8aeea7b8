/**
 * toNodeListener, the node:http adapter: our own handler called directly with Node's headers and
 * bytes, any other Fetch handler through a Request, and as middleware on real Express.
 */
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signWebhook } from '../../runtime/testing.ts';
import { createWebhookHandlerWith } from '../../runtime/webhook-handler.ts';
import { toNodeListener } from '../../runtime/webhook-node.ts';
import { binding, event, testKeyPair } from './helpers/webhook-decoder.ts';
import { postTo, serve } from './helpers/webhook-http.ts';

const keys = testKeyPair();

describe('toNodeListener: our handler directly, any other Fetch handler through Request', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("calls our handler with Node's headers and bytes, building no Fetch Request or Response", async () => {
    const seen: unknown[] = [];
    const handler = createWebhookHandlerWith(
      { publicKey: keys.publicKey, on: { 'call.initiated': (e: unknown) => void seen.push(e) } },
      binding,
    );
    const { port, close } = await serve(toNodeListener(handler));
    try {
      const refuse = () => {
        throw new Error('the direct path must not build Fetch objects');
      };
      vi.stubGlobal('Request', refuse);
      vi.stubGlobal('Response', refuse);
      const body = event('call.initiated');
      const ok = await postTo(port, body, await signWebhook(body, keys.privateKey));
      expect(ok).toMatchObject({ status: 200, body: { ok: true } });
      expect(ok.headers['content-type']).toBe('application/json');
      expect(seen).toHaveLength(1);
      const tampered = await postTo(port, `${body} `, await signWebhook(body, keys.privateKey));
      expect(tampered).toMatchObject({ status: 400, body: { error: 'signature_mismatch' } });
      const get = await postTo(port, '', {}, false, 'GET');
      expect(get).toMatchObject({ status: 405, body: { error: 'method_not_allowed' } });
      expect(get.headers['allow']).toBe('POST');
      expect(seen).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it("applies the handler's own maxBodyBytes when it is below the adapter's", async () => {
    const handler = createWebhookHandlerWith(
      { publicKey: keys.publicKey, maxBodyBytes: 64, on: {} },
      binding,
    );
    const { port, close } = await serve(toNodeListener(handler)); // adapter default: 1 MiB
    try {
      const body = event('call.initiated', { call_control_id: 'x'.repeat(100) });
      const headers = await signWebhook(body, keys.privateKey);
      const declared = await postTo(port, body, headers);
      expect(declared).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
      expect(declared.headers['connection']).toBe('close');
      expect((await postTo(port, body, headers, true)).status).toBe(413);
    } finally {
      await close();
    }
  });

  it('as Express middleware: alone, after express.raw(), and after express.json() (500, no hang)', async () => {
    const seen: unknown[] = [];
    const handler = createWebhookHandlerWith(
      {
        publicKey: keys.publicKey,
        maxBodyBytes: 1024,
        on: { 'call.initiated': (e: unknown) => void seen.push(e) },
      },
      binding,
    );
    const app = express();
    app.post('/plain', toNodeListener(handler));
    app.post('/raw', express.raw({ type: 'application/json', limit: '1mb' }), toNodeListener(handler));
    app.post('/json', express.json(), toNodeListener(handler));
    const { port, close } = await serve(app);
    try {
      const body = event('call.initiated');
      const headers = { ...(await signWebhook(body, keys.privateKey)), 'content-type': 'application/json' };
      const to = (path: string, text: string, h: Record<string, string>) => postTo({ port, path }, text, h);
      expect(await to('/plain', body, headers)).toMatchObject({ status: 200, body: { ok: true } });
      expect(await to('/raw', body, headers)).toMatchObject({ status: 200, body: { ok: true } });
      expect(seen).toHaveLength(2);
      const tampered = await to('/raw', body.replace('parked', 'parkeD'), headers);
      expect(tampered).toMatchObject({ status: 400, body: { error: 'signature_mismatch' } });
      // express.raw() read all 2 kB; the handler's own limit still applies to what it left.
      const big = JSON.stringify({ pad: 'x'.repeat(2000) });
      const bigHeaders = { ...(await signWebhook(big, keys.privateKey)), 'content-type': 'application/json' };
      expect((await to('/raw', big, bigHeaders)).status).toBe(413);
      const parsed = await to('/json', body, headers);
      expect(parsed).toMatchObject({ status: 500, body: { error: 'body_already_read' } });
      expect(parsed.body['message']).toContain('express.raw(');
      expect(seen).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it('hands any other Fetch handler a Request with the raw bytes and sends its Response', async () => {
    const requests: { method: string; signature: string | null; bytes: number[] }[] = [];
    const handler = async (request: Request) => {
      const bytes = [...new Uint8Array(await request.arrayBuffer())];
      requests.push({
        method: request.method,
        signature: request.headers.get('telnyx-signature-ed25519'),
        bytes,
      });
      return new Response(JSON.stringify({ seen: bytes.length }), {
        status: 202,
        headers: { 'x-seen': 'yes' },
      });
    };
    const { port, close } = await serve(toNodeListener(handler, { maxBodyBytes: 16 }));
    try {
      const notUtf8 = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
      const res = await postTo(port, notUtf8, { 'telnyx-signature-ed25519': 'sig' });
      expect(res).toMatchObject({ status: 202, body: { seen: 4 } });
      expect(res.headers['x-seen']).toBe('yes');
      expect(requests).toEqual([{ method: 'POST', signature: 'sig', bytes: [0x7b, 0xff, 0xfe, 0x7d] }]);
      // Past the adapter's limit the handler is not called; any method reaches it otherwise.
      expect((await postTo(port, 'x'.repeat(17), {}, true)).status).toBe(413);
      expect((await postTo(port, '', {}, false, 'GET')).status).toBe(202);
      expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    } finally {
      await close();
    }
  });
});
