/**
 * Drift: a verified event that does not match its schema is delivered as sent, its issues kept
 * beside it (`webhookDrift`) and handed to `onDrift`, or by default warned about once per kind
 * (event type and pointers) per process, naming pointers and keywords but never values.
 * Each test uses its own event types: what was already warned about is process-wide state.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateWebhookKeyPair, signWebhook } from '../../runtime/testing.ts';
import type { WebhookKeyPair } from '../../runtime/testing.ts';
import type { ValidationIssue } from '../../runtime/validation.ts';
import { warnDriftOnce, webhookDrift, type WebhookDrift } from '../../runtime/webhook-drift.ts';
import { unwrapWebhookWith } from '../../runtime/webhook-unwrap.ts';
import { decodeCallInitiated, event } from './helpers/webhook-decoder.ts';

let keys: WebhookKeyPair;
beforeAll(async () => {
  keys = await generateWebhookKeyPair();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const issue = (path: string, keyword = 'type'): ValidationIssue => ({
  path,
  keyword,
  message: 'secret-value',
});
const drift = (eventType: string, issues: ValidationIssue[] = [issue('/data/payload/x')]): WebhookDrift => ({
  eventType,
  eventId: 'e1',
  issues,
});

/** A logger that records what it was asked to warn. */
function recorder() {
  const warned: string[] = [];
  return { warned, logger: { warn: (m: string) => warned.push(m), error: () => undefined } };
}

describe('warnDriftOnce, the default onDrift', () => {
  it('names the event type, each pointer ("/" for the root) and keyword, and what to do; never values', () => {
    const { warned, logger } = recorder();
    warnDriftOnce(drift('t.words', [issue('/data/payload/status', 'enum'), issue('', 'required')]), logger);
    expect(warned).toEqual([
      'telnyx webhook: delivered a t.words event that does not match its schema at ' +
        '/data/payload/status (enum), / (required). ' +
        'Pass `onDrift` to handle this, or `strict: true` to refuse such events.',
    ]);
    expect(warned[0]).not.toContain('secret-value');
  });

  it('warns once per kind of drift: the same type and pointers again are quiet, others are not', () => {
    const { warned, logger } = recorder();
    warnDriftOnce(drift('t.once'), logger);
    warnDriftOnce(drift('t.once'), logger);
    warnDriftOnce({ ...drift('t.once'), eventId: 'another event' }, logger);
    expect(warned).toHaveLength(1);
    warnDriftOnce(drift('t.once', [issue('/data/payload/y')]), logger);
    warnDriftOnce(drift('t.once-other'), logger);
    expect(warned).toHaveLength(3);
  });

  it('writes to console.warn when no logger is given', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    warnDriftOnce(drift('t.console'));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('t.console');
  });

  it('remembers at most 256 kinds, then starts over, so a stream of new kinds cannot grow memory', () => {
    const { warned, logger } = recorder();
    let fresh = 0;
    const newKind = () => warnDriftOnce(drift(`t.cap-${fresh++}`), logger);
    const sentinel = () => {
      const before = warned.length;
      warnDriftOnce(drift('t.cap-sentinel'), logger);
      return warned.length > before;
    };
    // Whatever was remembered before, this reaches a known state: just after a clear, the
    // memory holds one new kind and the sentinel, 2 of 256.
    expect(sentinel()).toBe(true);
    for (let i = 0; i < 300; i++) {
      newKind();
      if (sentinel()) break;
    }
    for (let i = 0; i < 254; i++) newKind();
    expect(sentinel()).toBe(false); // 256 remembered, the sentinel among them
    newKind(); // the 257th clears the memory first
    expect(sentinel()).toBe(true);
  });
});

describe('webhookDrift', () => {
  it('is undefined for values unwrap did not deliver with drift', () => {
    for (const value of [undefined, null, 'x', 1, {}, { data: {} }])
      expect(webhookDrift(value)).toBeUndefined();
  });
});

describe('a drifting event through unwrap', () => {
  const binding = { decoders: { 'call.initiated': decodeCallInitiated } };
  const body = event('call.initiated', { call_control_id: 7, state: 'parked' });
  const expectedIssues = [
    { path: '/data/payload/call_control_id', keyword: 'type', message: 'expected string' },
  ];

  async function unwrapDrifting(extra: object) {
    const headers = await signWebhook(body, keys.privateKey);
    return unwrapWebhookWith(body, { headers, key: keys.publicKey, ...extra }, binding);
  }

  it('is delivered as sent, with its issues readable beside it and given to onDrift first', async () => {
    const seen: WebhookDrift[] = [];
    const delivered = await unwrapDrifting({ onDrift: (d: WebhookDrift) => seen.push(d) });
    expect(delivered).toEqual(JSON.parse(body));
    expect(webhookDrift(delivered)).toEqual(expectedIssues);
    expect(seen).toEqual([{ eventType: 'call.initiated', eventId: 'e1', issues: expectedIssues }]);
  });

  it('without onDrift, goes to the given logger; an event that matches reports nothing', async () => {
    const { warned, logger } = recorder();
    await unwrapDrifting({ logger });
    expect(warned).toEqual([expect.stringContaining('/data/payload/call_control_id (type)')]);
    const matching = event('call.initiated');
    const headers = await signWebhook(matching, keys.privateKey);
    const onDrift = vi.fn();
    const decoded = await unwrapWebhookWith(matching, { headers, key: keys.publicKey, onDrift }, binding);
    expect(onDrift).not.toHaveBeenCalled();
    expect(webhookDrift(decoded)).toBeUndefined();
  });
});
