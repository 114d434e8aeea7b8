/**
 * The shapes every generated guard and the client share. Hand-written, copied verbatim into
 * the generated package as `core/validation.ts`.
 */
import { TelnyxError } from './errors.js';

/** One problem found in a value, located by an RFC 6901 JSON pointer into that value. */
export interface ValidationIssue {
  /** Pointer into the checked value, `''` for the value itself, e.g. `/data/payload/status`. */
  path: string;
  /** The schema keyword that failed: `type`, `enum`, `required`, `oneOf`, `format`, ... */
  keyword: string;
  /** What was expected and what was found, for a person to act on. */
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

/** Options shared by every generated `validateX` / `isX`. */
export interface GuardOptions {
  /**
   * `false` accepts string values outside a closed enum (Telnyx adds enum values over time, so
   * webhook events are read this way by default). `true`, the default, rejects them.
   */
  strictEnums?: boolean;
  /**
   * `false` accepts `null` in the optional fields of what the package receives (webhook events,
   * responses), where Telnyx sends `null` for "no value" and the types say `T | null`. `true`,
   * the default, follows the spec, which does not allow it.
   */
  strictNulls?: boolean;
}

/** Thrown by `assertX` guards and by the client when params fail local validation. */
export class ValidationError extends TelnyxError {
  readonly issues: readonly ValidationIssue[];
  constructor(subject: string, issues: readonly ValidationIssue[]) {
    const listed = issues
      .slice(0, 10)
      .map((i) => `  ${i.path || '(root)'}: ${i.message}`)
      .join('\n');
    const more = issues.length > 10 ? `\n  … and ${issues.length - 10} more` : '';
    super(`${subject} is not valid:\n${listed}${more}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}
