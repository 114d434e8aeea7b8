/**
 * Drift: a verified event whose body does not match this package's schema for its type (a field
 * Telnyx sends that the spec types differently, an enum value added after generation, a missing
 * field). The signature proves Telnyx sent it, so it is delivered all the same; its issues go to
 * an `onDrift` hook and stay readable with `webhookDrift(event)`. Hand-written, copied verbatim
 * into the generated package as `core/webhook-drift.ts`.
 */
import type { ValidationIssue } from './validation.js';

/** What `onDrift` receives for one event delivered despite not matching its schema. */
export interface WebhookDrift {
  /** `data.event_type` as sent. */
  eventType: string;
  /** `data.id` when it is a string: the event's id, to find it again in Telnyx's logs. */
  eventId: string | undefined;
  /** Every problem found, each with a JSON pointer into the body (`/data/payload/status`). */
  issues: readonly ValidationIssue[];
}

/** Where the default hooks write: `console` unless a logger (pino, winston, …) is given. */
export interface WebhookLogger {
  warn(message: string): unknown;
  error(message: string, error?: unknown): unknown;
}

/** Issues of delivered events, kept beside them so the event object stays as Telnyx sent it. */
const driftByEvent = new WeakMap<object, readonly ValidationIssue[]>();

/** @internal Records the drift of an event before it is delivered. */
export function recordDrift(event: object, issues: readonly ValidationIssue[]): void {
  driftByEvent.set(event, issues);
}

/**
 * The issues of a delivered event that did not match its schema, or `undefined` for one that
 * did (and for events this package did not deliver). Inside a callback:
 * `const issues = webhookDrift(event); if (issues) metrics.count('telnyx.drift')`.
 */
export function webhookDrift(event: unknown): readonly ValidationIssue[] | undefined {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: WeakMap#get answers undefined for a non-object too
  return typeof event === 'object' && event !== null ? driftByEvent.get(event) : undefined;
}

/** Drift already reported by the default hook, so a steady stream of one kind logs once. */
const reported = new Set<string>();
const MAX_REPORTED = 256;

/**
 * The default `onDrift`: one warning per kind of drift (event type and pointers) per process.
 * It names pointers and schema keywords only, never values: a body can carry secrets
 * (`client_state`, phone numbers) that must not reach logs.
 */
export function warnDriftOnce(drift: WebhookDrift, logger: WebhookLogger = console): void {
  const where = drift.issues.map((i) => `${i.path || '/'} (${i.keyword})`).join(', ');
  const kind = `${drift.eventType} ${where}`;
  if (reported.has(kind)) return;
  if (reported.size >= MAX_REPORTED) reported.clear();
  reported.add(kind);
  logger.warn(
    `telnyx webhook: delivered a ${drift.eventType} event that does not match its schema at ${where}. ` +
      'Pass `onDrift` to handle this, or `strict: true` to refuse such events.',
  );
}
