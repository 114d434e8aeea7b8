/**
 * Verified webhook parsing. Hand-written, copied verbatim into the generated package as
 * `core/webhook-unwrap.ts`; the generated code binds these generic functions to its event types,
 * guards and configured environment variable (a `WebhookBinding`).
 *
 * The order is the security property: the signature is checked on the raw body first, and
 * nothing is parsed, decoded or handed to user code before that succeeds.
 *
 * What is verified is delivered: a body that is JSON with a `data.event_type` string reaches the
 * caller even when it drifts from the spec (see `webhook-drift.ts`), unless `strict` is set.
 */
import type { GuardOptions, ValidationResult } from './validation.js';
import { recordDrift, warnDriftOnce, type WebhookDrift, type WebhookLogger } from './webhook-drift.js';
import { checkWebhookSignature, splitKeys, WebhookVerificationError } from './webhook-verify.js';
import type { CryptoEngine, HeadersLike } from './webhook-verify.js';

/** Checks a parsed webhook body (the whole `{ data, meta }` envelope) for one event type. */
export type EventDecoder = (value: unknown, options: GuardOptions) => ValidationResult<unknown>;

/**
 * The decoder of a package generated without guards (the naming config's `guards: none`): every
 * event of a known type is read as that type, unchecked, so it never drifts and `strict` has
 * nothing more to refuse.
 */
export const uncheckedEvent: EventDecoder = (value) => ({ ok: true, value });

/**
 * A verified event whose `data.event_type` has no decoder, typically a type Telnyx added after
 * this package was generated. Returned rather than thrown so new events don't break receivers.
 * Known events are the decoded envelope itself and never carry `kind`.
 */
export interface UnknownWebhookEvent {
  kind: 'unknown';
  /** `data.event_type` as sent. */
  event_type: string;
  /** The envelope's `data` member, verified but not checked against any schema. */
  data: unknown;
  /** The whole parsed body, verified but not checked against any schema. */
  raw: unknown;
}

export function isUnknownWebhookEvent(event: unknown): event is UnknownWebhookEvent {
  return typeof event === 'object' && event !== null && (event as { kind?: unknown }).kind === 'unknown';
}

export interface UnwrapOptions {
  /** The request headers, as received. */
  headers: HeadersLike;
  /**
   * Base64 public key(s): an array or one comma-separated string (`"old,new"` while rotating).
   * Default: `TELNYX_PUBLIC_KEY`, read the same way.
   */
  key?: string | readonly string[] | undefined;
  /**
   * Refuse, with `invalid_payload`, an event that does not match the spec exactly: a `null` the
   * spec does not allow, an enum value this package does not know, a missing or mistyped field.
   * Default false: such an event is verified, so it is delivered, and its issues go to `onDrift`.
   */
  strict?: boolean | undefined;
  /**
   * Called before a drifting event is delivered (not with `strict`). Default: one
   * `logger.warn` per kind of drift per process, naming pointers, never values.
   */
  onDrift?: ((drift: WebhookDrift) => unknown) | undefined;
  /** Where the default `onDrift` writes. Default: `console`. */
  logger?: WebhookLogger | undefined;
  toleranceSeconds?: number | undefined;
  now?: (() => number) | undefined;
  /** @internal see `VerifyOptions.engine`. */
  engine?: CryptoEngine | undefined;
}

/** What generated code binds the functions below to. */
export interface WebhookBinding {
  /** `data.event_type` → the guard for that event's whole body. */
  decoders: Readonly<Record<string, EventDecoder>>;
  /** The environment variable read for the key(s) when none is passed (from the naming config). */
  publicKeyEnv?: string | undefined;
}

function resolveKey(key: string | readonly string[] | undefined, envName: string | undefined) {
  if (key !== undefined) return key;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const fromEnv = envName === undefined ? [] : splitKeys(env?.[envName] ?? '');
  if (fromEnv.length > 0) return fromEnv;
  const orEnv = envName === undefined ? '' : `, or set the ${envName} environment variable to`;
  throw new WebhookVerificationError(
    'invalid_public_key',
    `no public key configured: pass \`key\` / \`publicKey\`${orEnv || ' with'} the base64 public key ` +
      'shown in the Telnyx Mission Control portal',
  );
}

/**
 * Whether `event` is a known event of `type`; what generated `isWebhookEventType` narrows with.
 * Read structurally, so it holds for drifting events too.
 */
export function hasEventType(event: unknown, type: string): boolean {
  return !isUnknownWebhookEvent(event) && member(member(event, 'data'), 'event_type') === type;
}

/** One decoder for every byte body: `fatal`, so a body that is not UTF-8 is reported, not patched. */
let utf8: TextDecoder | undefined;

function parseJson(rawBody: string | Uint8Array): unknown {
  try {
    const text =
      typeof rawBody === 'string'
        ? rawBody
        : (utf8 ??= new TextDecoder('utf-8', { fatal: true })).decode(rawBody);
    return JSON.parse(text);
  } catch {
    throw new WebhookVerificationError('invalid_json', 'the verified body is not valid UTF-8 JSON');
  }
}

/** `value[name]` when `value` is an object, else undefined. */
function member(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** @internal What `unwrap` learned, with the event type kept for dispatch; used by the handler. */
export interface Unwrapped {
  eventType: string;
  /** `data.id` when it is a string. */
  eventId: string | undefined;
  event: unknown;
  known: boolean;
  /** Set when a known event was delivered though it does not match its schema. */
  drift?: WebhookDrift | undefined;
}

/**
 * The decoder options, shared rather than built per webhook. By default `null` in an optional
 * field is read as "no value", as the types say; anything else off the spec is drift.
 */
const TOLERANT: GuardOptions = Object.freeze({ strictNulls: false });
const EXACT: GuardOptions = Object.freeze({});

/** Parses and decodes a body whose signature has ALREADY been verified. */
function decodeVerified(
  rawBody: string | Uint8Array,
  strict: boolean | undefined,
  decoders: WebhookBinding['decoders'],
): Unwrapped {
  const body = parseJson(rawBody);
  const data = member(body, 'data');
  const eventType = member(data, 'event_type');
  if (typeof eventType !== 'string') {
    const issue = { path: '/data/event_type', keyword: 'required', message: 'expected a string' };
    throw new WebhookVerificationError('invalid_payload', 'no data.event_type', [issue]);
  }
  const id = member(data, 'id');
  const eventId = typeof id === 'string' ? id : undefined;
  // hasOwn: an event_type such as "constructor" must not reach Object.prototype.
  const decoder = Object.hasOwn(decoders, eventType) ? decoders[eventType] : undefined;
  if (decoder === undefined) {
    const event: UnknownWebhookEvent = { kind: 'unknown', event_type: eventType, data, raw: body };
    return { eventType, eventId, event, known: false };
  }
  const result = decoder(body, strict ? EXACT : TOLERANT);
  if (result.ok) return { eventType, eventId, event: result.value, known: true };
  if (strict) {
    throw new WebhookVerificationError(
      'invalid_payload',
      `the ${eventType} event does not match its schema`,
      result.errors,
    );
  }
  // `body` is an object here: it has `data.event_type`.
  recordDrift(body as object, result.errors);
  const drift = { eventType, eventId, issues: result.errors };
  return { eventType, eventId, event: body, known: true, drift };
}

/** Runs the caller's `onDrift`, or the default warning, for an event about to be delivered. */
export function reportDrift(drift: WebhookDrift, options: Pick<UnwrapOptions, 'onDrift' | 'logger'>): void {
  if (options.onDrift) options.onDrift(drift);
  else warnDriftOnce(drift, options.logger);
}

/**
 * Verify, then parse and decode; throws synchronously on a failure it finds right away. With
 * node:crypto the signature is checked synchronously, so the body is decoded in the same turn and
 * no promise is made (none of the callers below then adds a tick per webhook). With WebCrypto
 * decoding waits for the check, and works on a copy of a byte body taken when its signed message
 * was: bytes the caller changes meanwhile are never the ones parsed. Either way nothing is parsed
 * before the check succeeds.
 */
function unwrapNow(
  rawBody: string | Uint8Array,
  options: UnwrapOptions,
  binding: WebhookBinding,
): Unwrapped | Promise<Unwrapped> {
  const { decoders } = binding;
  const strict = options.strict;
  // Another thread can write to bytes in shared memory while they are checked, so those are
  // checked and parsed from a private copy (`new Uint8Array` copies; `slice` of a Buffer would not).
  const body =
    typeof rawBody === 'string' || rawBody.buffer instanceof ArrayBuffer ? rawBody : new Uint8Array(rawBody);
  // The options object carries `toleranceSeconds`, `now` and `engine` for the verifier as is.
  const verdict = checkWebhookSignature(
    body,
    options.headers,
    resolveKey(options.key, binding.publicKeyEnv),
    options,
  );
  if (verdict === true) return decodeVerified(body, strict, decoders);
  // A copy, for the same reason: the caller may change its bytes while WebCrypto checks them.
  const verified = typeof body === 'string' ? body : new Uint8Array(body);
  return verdict.then(() => decodeVerified(verified, strict, decoders));
}

/**
 * @internal Verify, parse and decode, keeping what the handler needs to dispatch. Never throws:
 * every failure is a rejection. Drift is returned, not reported: the handler reports it.
 */
export function unwrapDetailed(
  rawBody: string | Uint8Array,
  options: UnwrapOptions,
  binding: WebhookBinding,
): Promise<Unwrapped> {
  try {
    return Promise.resolve(unwrapNow(rawBody, options, binding));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Verifies `rawBody` (exactly as received), then parses and decodes it. Resolves to the event,
 * drift and all unless `strict` (see `UnwrapOptions.strict`), or an `UnknownWebhookEvent` for
 * event types without a decoder. Rejects with `WebhookVerificationError` otherwise; nothing
 * unverified is ever returned.
 */
export function unwrapWebhookWith(
  rawBody: string | Uint8Array,
  options: UnwrapOptions,
  binding: WebhookBinding,
): Promise<unknown> {
  try {
    const unwrapped = unwrapNow(rawBody, options, binding);
    if (unwrapped instanceof Promise) return unwrapped.then((u) => deliver(u, options));
    return Promise.resolve(deliver(unwrapped, options));
  } catch (error) {
    return Promise.reject(error);
  }
}

function deliver(unwrapped: Unwrapped, options: UnwrapOptions): unknown {
  if (unwrapped.drift) reportDrift(unwrapped.drift, options);
  return unwrapped.event;
}

/**
 * `client.webhooks`: unwrap with the client's public key. Generated code extends it with its own
 * event union `E`.
 */
export class WebhookClient<E> {
  readonly #publicKey: string | readonly string[] | undefined;
  readonly #binding: WebhookBinding;

  constructor(binding: WebhookBinding, publicKey: string | readonly string[] | undefined) {
    this.#binding = binding;
    this.#publicKey = publicKey;
  }

  /** `unwrapWebhook`, with the client's `publicKey` unless `options.key` is given. */
  unwrap(rawBody: string | Uint8Array, options: UnwrapOptions): Promise<E | UnknownWebhookEvent> {
    const key = options.key ?? this.#publicKey;
    const withKey = key === undefined ? options : { ...options, key };
    return unwrapWebhookWith(rawBody, withKey, this.#binding) as Promise<E | UnknownWebhookEvent>;
  }
}
