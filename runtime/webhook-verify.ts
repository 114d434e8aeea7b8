/**
 * Telnyx webhook signature verification (Ed25519). Hand-written, copied verbatim into the
 * generated package as `core/webhook-verify.ts`.
 *
 * Telnyx signs the bytes of `${telnyx-timestamp}|${raw body}` with Ed25519 and sends the base64
 * signature in `telnyx-signature-ed25519`. Every check here fails closed: any doubt is a thrown
 * `WebhookVerificationError`, never a silent pass.
 */
import { decodeBase64, decodeBase64Into } from './base64.js';
import type { ValidationIssue } from './validation.js';

export type WebhookVerificationReason =
  | 'missing_header'
  | 'malformed_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'malformed_signature'
  | 'invalid_public_key'
  | 'signature_mismatch'
  | 'invalid_json'
  | 'invalid_payload';

/** The one error every verification or unwrap failure throws; switch on `reason`. */
export class WebhookVerificationError extends Error {
  readonly reason: WebhookVerificationReason;
  /** Set for `invalid_payload`: what the event decoder found wrong. */
  readonly issues: readonly ValidationIssue[] | undefined;
  constructor(reason: WebhookVerificationReason, message: string, issues?: readonly ValidationIssue[]) {
    super(`${reason}: ${message}`);
    this.name = 'WebhookVerificationError';
    this.reason = reason;
    this.issues = issues;
  }
}

/** A Fetch `Headers`, or a plain object such as Node's `IncomingHttpHeaders` (any name case). */
export type HeadersLike =
  { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

/** @internal Which crypto implementation verifies; see `VerifyOptions.engine`. */
export type CryptoEngine = 'auto' | 'webcrypto' | 'node';

export interface VerifyOptions {
  /** Largest accepted distance between `telnyx-timestamp` and now, either way. Default 300. */
  toleranceSeconds?: number | undefined;
  /** Clock in milliseconds since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
  /**
   * @internal Which crypto implementation runs the check. `auto` (default) uses `node:crypto`
   * when the runtime provides it and WebCrypto otherwise; tests force one or the other.
   */
  engine?: CryptoEngine | undefined;
}

const SIGNATURE_HEADER = 'telnyx-signature-ed25519';
const TIMESTAMP_HEADER = 'telnyx-timestamp';
/** Unix seconds need 10 digits today; 15 keeps `Number` exact and bounds the work. */
const MAX_TIMESTAMP_DIGITS = 15;
const MALFORMED = Symbol('malformed header');

function fail(reason: WebhookVerificationReason, message: string): never {
  throw new WebhookVerificationError(reason, message);
}

/** One header value; `MALFORMED` when it is repeated or not a string, so nobody has to guess. */
function readHeader(
  headers: HeadersLike,
  names: readonly string[] | undefined,
  name: string,
): string | undefined | typeof MALFORMED {
  if (names === undefined) {
    // Fetch Headers joins repeats with ", ", which the strict parsers below then reject.
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, unknown>>;
  let value: unknown;
  let matches = 0;
  for (const key of names) {
    // Node hands names over in lower case already; only other spellings need lowering.
    if (key === name || (key.length === name.length && key.toLowerCase() === name)) {
      matches++;
      value = record[key];
    }
  }
  if (matches > 1) return MALFORMED;
  // Some frameworks hand every header over as an array; one string element is unambiguous.
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return value.length === 1 && typeof value[0] === 'string' ? value[0] : MALFORMED;
  }
  if (value === undefined || typeof value === 'string') return value;
  return MALFORMED;
}

/** A plain object's own keys, listed once for both lookups; undefined for a Fetch `Headers`. */
function headerNames(headers: HeadersLike): readonly string[] | undefined {
  return typeof headers.get === 'function' ? undefined : Object.keys(headers);
}

/** The value of 1 to 15 ASCII digits, or -1 for anything else (signs, spaces, dots, exponents). */
function parseUnixSeconds(header: string): number {
  if (header.length === 0 || header.length > MAX_TIMESTAMP_DIGITS) return -1;
  let value = 0;
  for (let i = 0; i < header.length; i++) {
    const digit = header.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function checkTimestamp(header: string, options: VerifyOptions): void {
  const seconds = parseUnixSeconds(header);
  if (seconds < 0) fail('malformed_timestamp', `${TIMESTAMP_HEADER} must be unix seconds (digits only)`);
  const tolerance = options.toleranceSeconds ?? 300;
  const now = options.now;
  // `Date.now()` called by name: V8 inlines that call, not one through a variable.
  const nowMs = now === undefined ? Date.now() : now();
  // NaN would make every comparison below false, i.e. accept everything; refuse to run instead.
  if (!Number.isFinite(tolerance) || tolerance < 0)
    throw new RangeError('toleranceSeconds must be a finite number >= 0');
  if (!Number.isFinite(nowMs)) throw new RangeError('now() must return milliseconds since the epoch');
  const age = Math.floor(nowMs / 1000) - seconds;
  if (age > tolerance)
    fail('timestamp_too_old', `${TIMESTAMP_HEADER} is more than ${tolerance}s in the past (replay?)`);
  if (-age > tolerance)
    fail('timestamp_too_new', `${TIMESTAMP_HEADER} is more than ${tolerance}s in the future (clock skew?)`);
}

const encoder = new TextEncoder();
/** Node's Buffer, where it exists: it encodes UTF-8 about twice as fast as TextEncoder. */
const NodeBuffer = (
  globalThis as { Buffer?: { from(text: string, encoding: 'utf8'): Uint8Array<ArrayBuffer> } }
).Buffer;

/** The signed message: the timestamp header, `|`, then the body exactly as received. */
function signedMessage(timestamp: string, rawBody: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof rawBody === 'string') {
    const text = `${timestamp}|${rawBody}`;
    // Stryker disable next-line StringLiteral: UTF-8 is Buffer.from's default too; named for the reader
    return NodeBuffer ? NodeBuffer.from(text, 'utf8') : encoder.encode(text);
  }
  const prefix = encoder.encode(`${timestamp}|`);
  const message = new Uint8Array(prefix.length + rawBody.length);
  message.set(prefix);
  message.set(rawBody, prefix.length);
  return message;
}

/** Holds the message on the synchronous node:crypto path; bigger messages get their own buffer. */
const SCRATCH_BYTES = 16 * 1024;
let scratch: Uint8Array<ArrayBuffer> | undefined;
/** `scratch` from each offset a body can start at (after 1 to 15 digits and '|'), made once. */
// Stryker disable next-line ArrayDeclaration: a cache; index 0 is never read (bodies start at 2 or more)
const scratchTails: Uint8Array<ArrayBuffer>[] = [];

/**
 * The signed message written into one reused buffer (no allocation per webhook), or undefined
 * when it does not fit. Only for a check that ends before any other code runs, i.e. synchronous
 * `node:crypto.verify`: WebCrypto reads its input later, when another webhook may have
 * overwritten it. The caller zeroes the bytes afterwards.
 */
function signedMessageInScratch(
  timestamp: string,
  rawBody: string | Uint8Array,
): Uint8Array<ArrayBuffer> | undefined {
  scratch ??= new Uint8Array(SCRATCH_BYTES);
  // The timestamp is 1 to 15 ASCII digits (checked before this runs), so one byte per char.
  const offset = timestamp.length + 1;
  if (typeof rawBody !== 'string' && offset + rawBody.length > scratch.length) return undefined;
  for (let i = 0; i < timestamp.length; i++) scratch[i] = timestamp.charCodeAt(i);
  scratch[timestamp.length] = 0x7c; // '|'
  if (typeof rawBody !== 'string') {
    scratch.set(rawBody, offset);
    return scratch.subarray(0, offset + rawBody.length);
  }
  // Encoding the body in place, after the prefix, spares joining the two into a new string.
  const tail = (scratchTails[offset] ??= scratch.subarray(offset));
  const { read, written } = encoder.encodeInto(rawBody, tail);
  return read === rawBody.length ? scratch.subarray(0, offset + written) : undefined;
}

/** The decoded signature on the synchronous node:crypto path, reused like `scratch`. */
let signatureScratch: Uint8Array<ArrayBuffer> | undefined;
/** True while a check is using `scratch` and `signatureScratch`. */
let scratchInUse = false;

/**
 * 64 bytes over an ArrayBuffer of their own. `new Uint8Array(64)` would keep them inside the JS
 * heap, and node:crypto would then have to move them out to an ArrayBuffer on every call.
 */
function newSignatureBuffer(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new ArrayBuffer(64));
}

// ---- Keys and crypto engines ----------------------------------------------------------------

/** The slice of `node:crypto` used here, typed structurally so nothing imports `node:` types. */
interface NodeCrypto {
  createPublicKey(input: { key: JsonWebKey; format: 'jwk' }): object;
  verify(algorithm: null, data: Uint8Array, key: object, signature: Uint8Array): boolean;
}

let nodeCrypto: NodeCrypto | null | undefined;
/** `node:crypto` without a static import, so edge bundlers never see it; null where absent. */
function loadNodeCrypto(): NodeCrypto | null {
  if (nodeCrypto === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    try {
      nodeCrypto = (proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined) ?? null;
    } catch {
      nodeCrypto = null;
    }
  }
  return nodeCrypto;
}

interface CachedKey {
  bytes: Uint8Array<ArrayBuffer>;
  webcrypto?: Promise<CryptoKey>;
  node?: object;
}
/** Imported keys by their base64 text. Keys come from configuration, so this stays tiny. */
const keyCache = new Map<string, CachedKey>();

function cachedKey(base64: string): CachedKey {
  let entry = keyCache.get(base64);
  if (entry === undefined) {
    const bytes = typeof base64 === 'string' ? decodeBase64(base64) : undefined;
    if (bytes?.length !== 32)
      fail(
        'invalid_public_key',
        'the public key must be base64 of 32 raw Ed25519 bytes, as shown in Telnyx Mission Control',
      );
    entry = { bytes };
    // Only reachable if keys are generated per call. A bound on a cache: no result depends on it.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: see the line above
    if (keyCache.size >= 64) keyCache.clear();
    keyCache.set(base64, entry);
  }
  return entry;
}

/** True only if node:crypto positively says so; any exception counts as a mismatch. */
function verifyWithNode(
  crypto: NodeCrypto,
  key: CachedKey,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    if (key.node === undefined) {
      const x = encodeBase64Url(key.bytes);
      key.node = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    }
    return crypto.verify(null, message, key.node, signature) === true;
  } catch {
    return false;
  }
}

/** True only if WebCrypto positively says so; any rejection counts as a mismatch. */
async function verifyWithWebCrypto(
  key: CachedKey,
  message: Uint8Array<ArrayBuffer>,
  signature: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  try {
    const subtle = globalThis.crypto.subtle;
    // Stryker disable next-line BooleanLiteral: `extractable` only; the key never leaves this module
    key.webcrypto ??= subtle.importKey('raw', key.bytes, { name: 'Ed25519' }, false, ['verify']);
    return (await subtle.verify({ name: 'Ed25519' }, await key.webcrypto, signature, message)) === true;
  } catch {
    delete key.webcrypto; // a rejected import must not poison the cache for later calls
    return false;
  }
}

function encodeBase64Url(bytes: Uint8Array): string {
  const base64 = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  // Stryker disable next-line Regex: a 32-byte key's base64 ends in exactly one '=': /=$/ and /=+/ agree
  return base64.replace(/=+$/, '');
}

function mismatch(): never {
  fail('signature_mismatch', 'the signature does not match this body, timestamp and public key');
}

async function verifyAllWithWebCrypto(
  keys: readonly CachedKey[],
  message: Uint8Array<ArrayBuffer>,
  signature: Uint8Array<ArrayBuffer>,
): Promise<void> {
  for (const key of keys) if (await verifyWithWebCrypto(key, message, signature)) return;
  mismatch();
}

/**
 * Keys written as one comma-separated string, as in `TELNYX_PUBLIC_KEY` during a rotation
 * (`"old,new"`): each one trimmed, empty ones dropped.
 */
export function splitKeys(text: string): string[] {
  return text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
}

/**
 * @internal `verifyWebhookSignature` without the promise, for `unwrap`: throws
 * `WebhookVerificationError` for every failure it can find at once, returns `true` once
 * node:crypto (synchronous) accepted the signature, and otherwise returns the WebCrypto check as
 * a promise that resolves only on success. The node:crypto path thus costs no promise tick.
 */
export function checkWebhookSignature(
  rawBody: string | Uint8Array,
  headers: HeadersLike,
  publicKey: string | readonly string[],
  options: VerifyOptions,
): true | Promise<void> {
  let keys: readonly CachedKey[];
  if (typeof publicKey === 'string' && !publicKey.includes(',')) keys = [cachedKey(publicKey)];
  else {
    const list = typeof publicKey === 'string' ? splitKeys(publicKey) : publicKey;
    if (!Array.isArray(list) || list.length === 0) fail('invalid_public_key', 'no public key was given');
    keys = list.map(cachedKey);
  }
  if (typeof headers !== 'object' || headers === null) fail('missing_header', 'no headers were given');

  const names = headerNames(headers);
  const signatureText = readHeader(headers, names, SIGNATURE_HEADER);
  const timestamp = readHeader(headers, names, TIMESTAMP_HEADER);
  if (!signatureText) fail('missing_header', `the ${SIGNATURE_HEADER} header is missing`);
  if (!timestamp) fail('missing_header', `the ${TIMESTAMP_HEADER} header is missing`);
  if (timestamp === MALFORMED) fail('malformed_timestamp', `${TIMESTAMP_HEADER} is repeated or not a string`);
  if (signatureText === MALFORMED)
    fail('malformed_signature', `${SIGNATURE_HEADER} is repeated or not a string`);
  checkTimestamp(timestamp, options);

  const engine = options.engine;
  const node = engine === 'webcrypto' ? null : loadNodeCrypto();
  // node:crypto is done with its inputs before this returns, so they can live in reused buffers.
  // They serve one check at a time: should anything run inside that check verify again (a
  // patched crypto.verify, say), the inner call gets buffers of its own.
  const reuse = node !== null && !scratchInUse;
  if (reuse) scratchInUse = true;
  let reused: Uint8Array | undefined;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = reuse ? (signatureScratch ??= newSignatureBuffer()) : new Uint8Array(64);
    if (!decodeBase64Into(signatureText, signature))
      fail('malformed_signature', `${SIGNATURE_HEADER} must be strict base64 of 64 bytes`);
    if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array))
      fail('signature_mismatch', 'the body must be the raw string or bytes received');
    if (node !== null) {
      reused = reuse ? signedMessageInScratch(timestamp, rawBody) : undefined;
      const message = reused ?? signedMessage(timestamp, rawBody);
      for (const key of keys) if (verifyWithNode(node, key, message, signature)) return true;
      mismatch();
    }
  } finally {
    if (reuse) {
      reused?.fill(0); // keep no copy of the last body around
      scratchInUse = false;
    }
  }
  // Forcing 'node' where it is absent is a test setup error; it still must not pass.
  if (engine === 'node') mismatch();
  return verifyAllWithWebCrypto(keys, signedMessage(timestamp, rawBody), signature);
}

/**
 * Resolves when `rawBody` carries a valid Telnyx signature from one of `publicKey` (several keys,
 * as an array or one comma-separated string, allow rotation) and a timestamp within tolerance;
 * otherwise rejects with `WebhookVerificationError` (it never throws synchronously).
 * Pass the body exactly as received: re-serialized JSON will not verify.
 */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  headers: HeadersLike,
  publicKey: string | readonly string[],
  options: VerifyOptions = {},
): Promise<void> {
  try {
    const verdict = checkWebhookSignature(rawBody, headers, publicKey, options);
    return verdict === true ? Promise.resolve() : verdict;
  } catch (error) {
    return Promise.reject(error);
  }
}
