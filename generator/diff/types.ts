/**
 * What `spec:diff` reports: one ApiChange per difference a user of the generated package can see,
 * placed where they see it (an operation's request/response, or a webhook event) and classed for
 * a TypeScript client.
 */

/**
 * - `breaking`: code that compiled may no longer compile, or the server may now reject a call.
 * - `narrowing`: data we receive can hold a case the client has not seen (new enum value, new
 *   union variant): an exhaustive `switch` stops being exhaustive.
 * - `compatible`: nothing existing stops working.
 */
export type ChangeClass = 'breaking' | 'narrowing' | 'compatible';

export const CLASS_ORDER: readonly ChangeClass[] = ['breaking', 'narrowing', 'compatible'];

export type ChangeKind =
  | 'operation-added'
  | 'operation-removed'
  | 'endpoint-changed'
  | 'webhook-added'
  | 'webhook-removed'
  | 'body-added'
  | 'body-removed'
  | 'body-required'
  | 'body-optional'
  | 'response-added'
  | 'response-removed'
  | 'path-param-added'
  | 'path-param-removed'
  | 'field-added'
  | 'field-removed'
  | 'field-required'
  | 'field-optional'
  | 'type-changed'
  | 'type-renamed'
  | 'nullable-added'
  | 'nullable-removed'
  | 'enum-value-added'
  | 'enum-value-removed'
  | 'variant-added'
  | 'variant-removed'
  | 'constraint-tightened'
  | 'constraint-loosened'
  | 'default-changed'
  | 'docs-changed';

/**
 * Which data the change is in. `request` is data the client sends; `response`, `error-response`
 * and `webhook` are data it receives, which flips the class of most schema changes.
 */
export type ChangeSide = 'operation' | 'request' | 'response' | 'error-response' | 'webhook';

export interface ApiChange {
  kind: ChangeKind;
  class: ChangeClass;
  /** The operation (`calls.actions.speak`) or webhook event type (`call.speak.ended`). */
  subject: { type: 'operation' | 'webhook'; name: string };
  side: ChangeSide;
  /** Field path under the side's root, e.g. `voice_settings[type=xai]`; `''` for the root. */
  path: string;
  /** JSON pointer on the new side (for a removal: the nearest new-side node that holds it). */
  pointer: string;
  /** JSON pointer on the old side, when there is one. */
  oldPointer?: string;
  before?: unknown;
  after?: unknown;
  /** One line for humans, e.g. "variant `xai` added". */
  message: string;
}

/** True for the sides whose data the client receives rather than sends. */
export const isIncoming = (side: ChangeSide): boolean =>
  side === 'response' || side === 'error-response' || side === 'webhook';
