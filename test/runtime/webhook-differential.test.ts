/**
 * Differential test: our verifier against the official `telnyx` package (test-only oracle).
 *
 * What the oracle is: telnyx@7.24.0 `lib/webhooks` exports `TelnyxWebhook`, constructed with the
 * base64 public key; `await verify(payload: string, headers: Record<string, string>)` throws on
 * failure. It really is Ed25519 over `${timestamp}|${payload}` via WebCrypto (not the HMAC
 * Standard Webhooks scheme of some earlier generated releases), checks `^\d+$` safe-integer
 * timestamps within 300 s of `Date.now()` either way, and decodes padded base64 strictly except
 * for the unused trailing bits. So verdicts are directly comparable; we fake `Date.now` for it.
 *
 * Documented cases where ours is stricter, each asserted (official accepts, ours rejects):
 *  - non-canonical base64 (non-zero unused bits before `=`) in the signature or the key: a second
 *    spelling of the same bytes; RFC 4648 §3.5 lets decoders reject it, and accepting it makes
 *    signatures malleable as header strings (replay caches keyed on the header miss it).
 *  - a timestamp longer than 15 digits (zero-padded): ours bounds the length; 10 digits suffice
 *    until the year 2286 and the extra length only buys ambiguity.
 *  - the same header twice under different letter case in a plain object: the official one
 *    silently uses the first; ours refuses to guess (malformed).
 * Arrays and Fetch `Headers` are outside the official `Record<string, string>` contract, so
 * they are not in the corpus (covered in webhook-verify.test.ts).
 */
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { TelnyxWebhook } from 'telnyx/lib/webhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebhookVerificationReason } from '../../runtime/webhook-verify.ts';
import { verifyWebhookSignature, WebhookVerificationError } from '../../runtime/webhook-verify.ts';

const V = JSON.parse(readFileSync(new URL('../fixtures/webhooks/vectors.json', import.meta.url), 'utf8')) as {
  publicKey: string;
  privateKeyPkcs8: string;
  nowMs: number;
  text: { body: string };
};
const NOW_S = Math.floor(V.nowMs / 1000);
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const mainKey = crypto.createPrivateKey({
  key: Buffer.from(V.privateKeyPkcs8, 'base64'),
  format: 'der',
  type: 'pkcs8',
});
const otherKey = crypto.generateKeyPairSync('ed25519').privateKey;

/** Ed25519 over `${timestamp}|${body}` with node:crypto (sync, deterministic). */
const sign = (body: string, ts: string, key = mainKey) =>
  crypto.sign(null, Buffer.from(`${ts}|${body}`), key).toString('base64');

/** Sets unused low bits in the last data character before `=` padding: same bytes, new text. */
function nonCanonical(text: string): string {
  const i = text.indexOf('=') - 1;
  const unused = text.endsWith('==') ? 15 : 3;
  return text.slice(0, i) + B64[B64.indexOf(text[i]!) | unused] + text.slice(i + 1);
}

interface Case {
  kind: string;
  body: string;
  headers: Record<string, string>;
  key: string;
  /** Set for the documented cases: ours must reject with this reason, the official accept. */
  oursStricter?: WebhookVerificationReason;
}

const bodyArb = fc.oneof(
  fc.json(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(fc.integer({ min: 0, max: 0xffff })).map((codes) => String.fromCharCode(...codes)),
  fc.constant(V.text.body),
);

/** A signed, valid webhook; `ts` is the literal timestamp header. */
function valid(body: string, ts = String(NOW_S)): Case {
  const headers = { 'telnyx-signature-ed25519': sign(body, ts), 'telnyx-timestamp': ts };
  return { kind: 'valid', body, headers, key: V.publicKey };
}
const withHeaders = (c: Case, kind: string, headers: Record<string, string>): Case => ({
  ...c,
  kind,
  headers,
});

const bodyTamper = fc.constantFrom(
  (b: string) => `${b} `,
  (b: string) => `${b}\n`,
  (b: string) => ` ${b}`,
  (b: string) => b.normalize('NFD'),
  (b: string) => b.replace(/"/g, "'"),
  (b: string) => (b.length ? String.fromCharCode(b.charCodeAt(0) ^ 1) + b.slice(1) : 'x'),
  (b: string) => {
    try {
      return JSON.stringify(JSON.parse(b), null, 2);
    } catch {
      return `${b}{}`;
    }
  },
);
const badTimestamp = fc.constantFrom(
  (t: string) => `+${t}`,
  (t: string) => `-${t}`,
  (t: string) => ` ${t}`,
  (t: string) => `${t} `,
  (t: string) => `${t}.0`,
  (t: string) => `${t}\n`,
  (t: string) => `0x${Number(t).toString(16)}`,
  (t: string) => t.replace(/[0-9]/g, (d) => String.fromCharCode(0x660 + Number(d))),
  (t: string) => `0${t}`, // both accept: still digits, still signed as sent
  (t: string) => `${Number(t) * 1000}`, // milliseconds: far future for both
);
const badSignature = fc.constantFrom(
  (s: string) => s.replace(/=+$/, ''),
  (s: string) => `${s} `,
  (s: string) => ` ${s}`,
  (s: string) => s.replace(/\+/g, '-').replace(/\//g, '_'),
  (s: string) => s.slice(4),
  (s: string) => `${s}\n`,
  (s: string) => `AAAA${s}`,
  (s: string) => Buffer.from(s, 'base64').toString('hex'),
  (s: string) => s.slice(0, 40) + s.slice(41, 42) + s.slice(40, 41) + s.slice(42), // swapped chars
);
const validCase = fc
  .tuple(bodyArb, fc.integer({ min: -300, max: 300 }))
  .map(([b, d]) => valid(b, String(NOW_S + d)));

const tamperedCase = fc
  .tuple(bodyArb, bodyTamper)
  .map(([b, f]) => ({ ...valid(b), kind: 'tampered-body', body: f(b) }));

const staleOrFutureCase = fc
  .tuple(bodyArb, fc.oneof(fc.integer({ min: 301, max: 1e8 }), fc.constantFrom(301, 86_400)), fc.boolean())
  .map(([b, d, future]) => ({
    ...valid(b, String(NOW_S + (future ? d : -d))),
    kind: future ? 'future' : 'stale',
  }));

/** The malformed timestamp is what gets signed, so only format checks can reject it. */
const malformedTimestampCase = fc
  .tuple(bodyArb, badTimestamp)
  .map(([b, f]) => ({ ...valid(b, f(String(NOW_S))), kind: 'malformed-timestamp' }));

const malformedSignatureCase = fc.tuple(bodyArb, badSignature).map(([b, f]) => {
  const c = valid(b);
  const sig = f(c.headers['telnyx-signature-ed25519']!);
  return withHeaders(c, 'malformed-signature', { ...c.headers, 'telnyx-signature-ed25519': sig });
});

const missingHeaderCase = fc
  .tuple(bodyArb, fc.constantFrom('telnyx-signature-ed25519', 'telnyx-timestamp', 'both', 'empty'))
  .map(([b, drop]) => {
    const { headers } = valid(b);
    const without = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== drop));
    const emptied = { ...headers, 'telnyx-timestamp': '' };
    const kept = drop === 'both' ? {} : drop === 'empty' ? emptied : without;
    return withHeaders(valid(b), 'missing-header', kept);
  });

const wrongKeyCase = bodyArb.map((b) => {
  const c = valid(b);
  const headers = { ...c.headers, 'telnyx-signature-ed25519': sign(b, String(NOW_S), otherKey) };
  return withHeaders(c, 'wrong-key', headers);
});

const headerCaseCase = fc.tuple(bodyArb, fc.boolean()).map(([b, upper]) => {
  const recase = (k: string) => (upper ? k.toUpperCase() : k.replace(/(^|-)\w/g, (m) => m.toUpperCase()));
  const { headers } = valid(b);
  const cased = Object.fromEntries(Object.entries(headers).map(([k, v]) => [recase(k), v]));
  return withHeaders(valid(b), 'header-case', cased);
});

/** The documented cases where ours is stricter (see the top of this file). */
const stricterCase = fc.oneof(
  bodyArb.map((b): Case => {
    const c = valid(b);
    const sig = nonCanonical(c.headers['telnyx-signature-ed25519']!);
    const headers = { ...c.headers, 'telnyx-signature-ed25519': sig };
    return { ...c, kind: 'non-canonical-signature', headers, oursStricter: 'malformed_signature' };
  }),
  bodyArb.map((b): Case => ({
    ...valid(b),
    kind: 'non-canonical-key',
    key: nonCanonical(V.publicKey),
    oursStricter: 'invalid_public_key',
  })),
  fc.tuple(bodyArb, fc.integer({ min: 16, max: 18 })).map(([b, n]): Case => ({
    ...valid(b, String(NOW_S).padStart(n, '0')),
    kind: 'long-timestamp',
    oursStricter: 'malformed_timestamp',
  })),
  bodyArb.map((b): Case => {
    const c = valid(b);
    const headers = { ...c.headers, 'Telnyx-Timestamp': String(NOW_S + 1) };
    return { ...c, kind: 'duplicate-header', headers, oursStricter: 'malformed_timestamp' };
  }),
);

const caseArb: fc.Arbitrary<Case> = fc.oneof(
  validCase,
  tamperedCase,
  staleOrFutureCase,
  malformedTimestampCase,
  malformedSignatureCase,
  missingHeaderCase,
  wrongKeyCase,
  headerCaseCase,
  { arbitrary: stricterCase, weight: 4 }, // keep each stricter kind about as common as the rest
);

async function verdict(run: () => Promise<void>): Promise<string> {
  try {
    await run();
    return 'accept';
  } catch (error) {
    return error instanceof WebhookVerificationError ? error.reason : 'reject';
  }
}
const official = (c: Case) => verdict(async () => new TelnyxWebhook(c.key).verify(c.body, c.headers));
const ours = (c: Case, engine: 'webcrypto' | 'node') =>
  verdict(() => verifyWebhookSignature(c.body, c.headers, c.key, { now: () => V.nowMs, engine }));

describe('differential: ours vs telnyx@7.24.0 TelnyxWebhook.verify', () => {
  beforeAll(() => void vi.spyOn(Date, 'now').mockReturnValue(V.nowMs));
  afterAll(() => void vi.restoreAllMocks());
  const corpus = fc.sample(caseArb, { seed: 0x7e1e, numRuns: 1500 });

  it('agrees on every case except the documented stricter ones, on both engines', async () => {
    const tally = new Map<string, number>();
    for (const c of corpus) {
      const theirs = await official(c);
      for (const engine of ['node', 'webcrypto'] as const) {
        const mine = await ours(c, engine);
        const label = `${c.kind} ${JSON.stringify(c.headers)} key=${c.key} body=${JSON.stringify(c.body)}`;
        if (c.oursStricter) {
          expect([theirs, mine], label).toEqual(['accept', c.oursStricter]);
        } else {
          expect(mine === 'accept', label).toBe(theirs === 'accept');
        }
      }
      const key = `${c.kind}:${theirs === 'accept' ? 'accept' : 'reject'}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    expect(corpus.length).toBeGreaterThanOrEqual(1000);
    // The corpus must exercise both verdicts heavily, or agreement would mean little.
    const count = (kind: string, v: string) => tally.get(`${kind}:${v}`) ?? 0;
    expect(count('valid', 'accept')).toBeGreaterThan(50);
    for (const kind of [
      'tampered-body',
      'stale',
      'future',
      'malformed-signature',
      'missing-header',
      'wrong-key',
    ]) {
      expect(count(kind, 'reject'), kind).toBeGreaterThan(20);
    }
  });
});
