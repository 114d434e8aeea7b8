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
  | 'type-removed'
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
 * and `webhook` are data it receives, which flips the class of most schema changes. `export` is
 * the package's list of exported type names.
 */
export type ChangeSide = 'operation' | 'request' | 'response' | 'error-response' | 'webhook' | 'export';

/** Kinds whose subject is gone from the new spec: their `pointer` is where it was in the old one. */
const REMOVALS: ReadonlySet<ChangeKind> = new Set([
  'operation-removed',
  'webhook-removed',
  'body-removed',
  'response-removed',
  'path-param-removed',
  'field-removed',
  'variant-removed',
  'type-removed',
]);

export const isRemoval = (kind: ChangeKind): boolean => REMOVALS.has(kind);

export interface ApiChange {
  kind: ChangeKind;
  class: ChangeClass;
  /**
   * The operation (`calls.actions.speak`), webhook event type (`call.speak.ended`) or exported
   * type name (`ResembleSampleRate`).
   */
  subject: { type: 'operation' | 'webhook' | 'type'; name: string };
  side: ChangeSide;
  /**
   * Field path under the side's root, e.g. `voice_settings[XAIVoiceSettings].voice_speed`: a union
   * variant is written `[its exported type name]`, or `[its kind]` (`[string]`, `[object 2]`) when
   * it has no name of its own; `''` for the root.
   */
  path: string;
  /**
   * Where the change is: a JSON pointer into the new spec, except for a removal (`isRemoval`),
   * which points at where the removed thing was in the old spec.
   */
  pointer: string;
  /** JSON pointer into the old spec, when it differs from `pointer`. */
  oldPointer?: string;
  before?: unknown;
  after?: unknown;
  /** One line for humans, e.g. "variant `xai` added". */
  message: string;
}

/** True for the sides whose data the client receives rather than sends. */
export const isIncoming = (side: ChangeSide): boolean =>
  side === 'response' || side === 'error-response' || side === 'webhook';
