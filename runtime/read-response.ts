/**
 * A successful response read the way its operation declares it. Hand-written, copied verbatim
 * into the generated package as `core/read-response.ts`.
 */
import { parseJsonBody, type RawResponse } from './api-promise.js';
import type { ResponseKind } from './client-options.js';
import { redactError, type Secrets } from './redact.js';

/**
 * Parsed JSON, the text, the stream, or nothing. A failure (a body that is not JSON) is thrown
 * with the credentials, `secret`, redacted from everything it carries.
 */
export function readResponse(kind: ResponseKind, raw: RawResponse, secret: Secrets): unknown {
  try {
    return readAs(kind, raw, secret);
  } catch (error) {
    throw redactError(error, secret);
  }
}

function readAs(kind: ResponseKind, raw: RawResponse, secret: Secrets): unknown {
  switch (kind) {
    case 'json':
      return parseJsonBody(raw, secret);
    case 'text':
      return raw.bodyText;
    case 'binary':
      return raw.response;
    case 'empty':
      return undefined;
  }
}
