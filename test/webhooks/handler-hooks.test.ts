/**
 * What the generated webhook handler does when user code fails: a throwing or rejecting callback
 * (or `onDrift`, or `onUnknown`) reaches `onError` with the event's type and id, the body stays
 * out of it, and the answer is 500 so Telnyx delivers the event again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createWebhookHandler,
  type WebhookErrorContext,
  type WebhookHandlerOptions,
} from '../../generated/src/index.ts';
import { generateWebhookKeyPair, signWebhook, type WebhookKeyPair } from '../../generated/src/testing.ts';

const DIR = join(import.meta.dirname, '../fixtures/webhooks/realistic');
const speakEnded = readFileSync(join(DIR, 'speak-ended.json'), 'utf8');
const drifting = readFileSync(join(DIR, 'playback-ended-new-status.json'), 'utf8');
const bridged = readFileSync(join(DIR, 'bridged.json'), 'utf8');
const idOf = (raw: string) => JSON.parse(raw).data.id as string;

let keys: WebhookKeyPair;
beforeAll(async () => {
  keys = await generateWebhookKeyPair();
});

async function deliver(options: Omit<WebhookHandlerOptions, 'publicKey'>, raw: string) {
  const handler = createWebhookHandler({ publicKey: keys.publicKey, ...options });
  const headers = await signWebhook(raw, keys.privateKey);
  const response = await handler(new Request('http://localhost/', { method: 'POST', headers, body: raw }));
  return { status: response.status, body: await response.json() };
}

describe('onError', () => {
  it('gets a thrown error with the event type and id; the answer is 500', async () => {
    const failure = new Error('database down');
    const onError = vi.fn();
    const reply = await deliver(
      {
        on: {
          'call.speak.ended': () => {
            throw failure;
          },
        },
        onError,
      },
      speakEnded,
    );
    expect(reply).toEqual({ status: 500, body: { error: 'handler_failed' } });
    const context: WebhookErrorContext = { eventType: 'call.speak.ended', eventId: idOf(speakEnded) };
    expect(onError).toHaveBeenCalledExactlyOnceWith(failure, context);
  });

  it('gets a rejection from an async callback, from onUnknown and from onDrift', async () => {
    const onError = vi.fn();
    const rejected = await deliver(
      { on: { 'call.speak.ended': async () => Promise.reject(new Error('later')) }, onError },
      speakEnded,
    );
    const unknown = await deliver(
      {
        on: {},
        onUnknown: () => {
          throw new Error('u');
        },
        onError,
      },
      bridged,
    );
    const drift = await deliver(
      {
        on: { 'call.playback.ended': () => undefined },
        onDrift: () => {
          throw new Error('d');
        },
        onError,
      },
      drifting,
    );
    expect([rejected.status, unknown.status, drift.status]).toEqual([500, 500, 500]);
    expect(
      onError.mock.calls.map(([error, context]) => [(error as Error).message, context.eventType]),
    ).toEqual([
      ['later', 'call.speak.ended'],
      ['u', 'call.bridged'],
      ['d', 'call.playback.ended'],
    ]);
  });

  it('by default logs the event type and id with the error, never the body', async () => {
    const error = vi.fn();
    const failure = new Error('boom');
    const reply = await deliver(
      {
        on: {
          'call.speak.ended': () => {
            throw failure;
          },
        },
        logger: { warn: vi.fn(), error },
      },
      speakEnded,
    );
    expect(reply.status).toBe(500);
    expect(error).toHaveBeenCalledExactlyOnceWith(expect.stringContaining(idOf(speakEnded)), failure);
    const message = String(error.mock.calls[0]![0]);
    expect(message).toContain('call.speak.ended');
    expect(message).not.toContain('v3:'); // the call control id from the body
  });

  it('logs, and still answers 500, when onError itself throws', async () => {
    const error = vi.fn();
    const hookFailure = new Error('onError broke');
    const reply = await deliver(
      {
        on: {
          'call.speak.ended': () => {
            throw new Error('first');
          },
        },
        onError: () => {
          throw hookFailure;
        },
        logger: { warn: vi.fn(), error },
      },
      speakEnded,
    );
    expect(reply.status).toBe(500);
    expect(error).toHaveBeenCalledExactlyOnceWith(expect.stringContaining('call.speak.ended'), hookFailure);
  });

  it('is not called when everything succeeds', async () => {
    const onError = vi.fn();
    const callback = vi.fn();
    const reply = await deliver({ on: { 'call.speak.ended': callback }, onError }, speakEnded);
    expect(reply).toEqual({ status: 200, body: { ok: true } });
    expect(callback).toHaveBeenCalledOnce();
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('onDrift in the handler', () => {
  it('runs before the callback, with the issues the callback can also read', async () => {
    const order: string[] = [];
    const reply = await deliver(
      {
        on: { 'call.playback.ended': () => void order.push('callback') },
        onDrift: (drift) => void order.push(`drift ${drift.issues.map((i) => i.path).join()}`),
      },
      drifting,
    );
    expect(reply.status).toBe(200);
    expect(order).toEqual(['drift /data/payload/status', 'callback']);
  });
});
