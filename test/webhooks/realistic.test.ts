/**
 * Webhooks shaped the way Telnyx really sends them (test/fixtures/webhooks/realistic: `null`s,
 * empty objects, unlisted fields, newer enum values, `meta`) go through every generated entry
 * point, on both crypto engines: delivered by default, drift reported, refused only with `strict`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  Telnyx,
  WebhookVerificationError,
  createWebhookHandler,
  isUnknownWebhookEvent,
  toNodeListener,
  unwrapWebhook,
  webhookDrift,
  type WebhookDrift,
} from '../../generated/src/index.ts';
import { generateWebhookKeyPair, signWebhook, type WebhookKeyPair } from '../../generated/src/testing.ts';
import { postTo, serve } from '../runtime/helpers/webhook-http.ts';

const DIR = join(import.meta.dirname, '../fixtures/webhooks/realistic');

/** Where each body drifts from the spec beyond what the types already say (`null` is typed). */
const EXPECTED_DRIFT: Record<string, string[]> = {
  'playback-started.json': [],
  'playback-ended.json': [],
  'playback-ended-new-status.json': ['/data/payload/status'],
  'recording-saved.json': [],
  'recording-error.json': [],
  'recording-transcription-saved.json': [],
  'speak-started.json': [],
  'speak-ended.json': [],
  'speak-ended-calling-party.json': ['/data/payload/status'],
  'hangup.json': [],
};
/** Event types this package does not generate: delivered as `UnknownWebhookEvent`. */
const UNKNOWN = new Set(['bridged.json']);

const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const corpus = files.map((file) => ({ file, raw: readFileSync(join(DIR, file), 'utf8') }));
const known = corpus.filter((c) => !UNKNOWN.has(c.file));
const engines = ['node', 'webcrypto'] as const;

let keys: WebhookKeyPair;
beforeAll(async () => {
  keys = await generateWebhookKeyPair();
});

it('lists every corpus file with its expected drift', () => {
  expect(files.sort()).toEqual([...Object.keys(EXPECTED_DRIFT), ...UNKNOWN].sort());
  // Each known event deviates from the spec somewhere, so `strict` has something to refuse.
  for (const { raw } of known) expect(raw).toMatch(/: null|"status": "(stopped_by_command|interrupted)"/);
});

describe.each(engines)('unwrapWebhook and client.webhooks.unwrap (%s)', (engine) => {
  it.each(corpus)('$file: delivered as sent, drift reported', async ({ file, raw }) => {
    const headers = await signWebhook(raw, keys.privateKey);
    const drifts: WebhookDrift[] = [];
    const onDrift = (d: WebhookDrift) => void drifts.push(d);
    const client = new Telnyx({ publicKey: keys.publicKey });
    const delivered = [
      await unwrapWebhook(raw, { headers, key: keys.publicKey, engine, onDrift }),
      await client.webhooks.unwrap(new TextEncoder().encode(raw), { headers, engine, onDrift }),
    ];
    const body = JSON.parse(raw);
    for (const event of delivered) {
      if (UNKNOWN.has(file)) {
        expect(isUnknownWebhookEvent(event)).toBe(true);
        expect(event).toMatchObject({ event_type: body.data.event_type, raw: body });
        continue;
      }
      expect(event).toEqual(body);
      const expected = EXPECTED_DRIFT[file]!;
      expect(webhookDrift(event)?.map((i) => i.path)).toEqual(expected.length ? expected : undefined);
    }
    const expectedDrift = UNKNOWN.has(file) ? [] : EXPECTED_DRIFT[file]!;
    expect(drifts).toHaveLength(expectedDrift.length ? 2 : 0);
    for (const d of drifts) {
      expect(d).toMatchObject({ eventType: body.data.event_type, eventId: body.data.id });
      expect(d.issues.map((i) => i.path)).toEqual(expectedDrift);
    }
  });

  it.each(known)('$file: refused with invalid_payload under strict', async ({ raw }) => {
    const headers = await signWebhook(raw, keys.privateKey);
    const outcome = await unwrapWebhook(raw, { headers, key: keys.publicKey, engine, strict: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(WebhookVerificationError);
    expect((outcome as WebhookVerificationError).reason).toBe('invalid_payload');
  });
});

describe.each(engines)('createWebhookHandler, as Fetch handler and behind toNodeListener (%s)', (engine) => {
  /** A handler recording what each callback received; `strict` as given. */
  function recordingHandler(strict: boolean) {
    const seen: unknown[] = [];
    const record = (event: unknown) => void seen.push(event);
    const handler = createWebhookHandler({
      publicKey: keys.publicKey,
      engine,
      strict,
      onDrift: () => undefined,
      onUnknown: record,
      on: {
        'call.playback.started': record,
        'call.playback.ended': record,
        'call.recording.error': record,
        'call.recording.saved': record,
        'call.recording.transcription.saved': record,
        'call.speak.started': record,
        'call.speak.ended': record,
        'call.initiated': record,
        'call.answered': record,
        'call.hangup': record,
        'call.gather.ended': record,
        'call.dtmf.received': record,
      },
    });
    return { handler, seen };
  }

  it('delivers every body once through the Fetch handler; strict answers 400 for known ones', async () => {
    for (const strict of [false, true]) {
      const { handler, seen } = recordingHandler(strict);
      for (const { file, raw } of corpus) {
        const headers = await signWebhook(raw, keys.privateKey);
        const response = await handler(
          new Request('http://localhost/', { method: 'POST', headers, body: raw }),
        );
        const refused = strict && !UNKNOWN.has(file);
        expect(response.status, file).toBe(refused ? 400 : 200);
        if (refused) expect(await response.json()).toMatchObject({ error: 'invalid_payload' });
      }
      expect(seen).toHaveLength(strict ? UNKNOWN.size : corpus.length);
    }
  });

  it('delivers every body once through the node:http adapter on a real server', async () => {
    const { handler, seen } = recordingHandler(false);
    const { port, close } = await serve(toNodeListener(handler));
    try {
      for (const { file, raw } of corpus) {
        const res = await postTo(port, raw, await signWebhook(raw, keys.privateKey));
        expect(res.status, file).toBe(200);
      }
    } finally {
      await close();
    }
    const bodies = corpus.map(({ raw }) => JSON.parse(raw));
    expect(seen.filter((e) => !isUnknownWebhookEvent(e))).toEqual(
      bodies.filter((_, i) => !UNKNOWN.has(corpus[i]!.file)),
    );
  });
});

describe('the default drift report', () => {
  it('warns once per kind of drift, naming pointers but never values', async () => {
    const warn = vi.fn();
    const { raw } = corpus.find((c) => c.file === 'playback-ended-new-status.json')!;
    const headers = await signWebhook(raw, keys.privateKey);
    for (let i = 0; i < 3; i++)
      await unwrapWebhook(raw, { headers, key: keys.publicKey, logger: { warn, error: warn } });
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0]![0]);
    expect(message).toContain('call.playback.ended');
    expect(message).toContain('/data/payload/status');
    // The body's values (client_state, the new status) stay out of logs.
    expect(message).not.toContain('stopped_by_command');
    expect(message).not.toContain('aXZyOm1haW4tbWVudQ==');
  });
});
