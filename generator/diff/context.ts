/** State for one walk (one operation side or one webhook) and the helper that records a change. */
import type { NamedSchema, SchemaNode } from '../ir/types.js';
import { classify, type ClassifyDetail } from './classify.js';
import { type ApiChange, type ChangeKind, type ChangeSide, isRemoval } from './types.js';

export interface DiffContext {
  oldSchemas: ReadonlyMap<string, NamedSchema>;
  newSchemas: ReadonlyMap<string, NamedSchema>;
  subject: ApiChange['subject'];
  side: ChangeSide;
  /** Pairs of named schemas already compared in this walk: stops recursion, avoids repeats. */
  visited: Set<string>;
  out: ApiChange[];
  /** Compares two nodes; passed in so the per-kind comparers need not import the walker. */
  recurse(a: SchemaNode, b: SchemaNode, path: string): void;
}

export interface ChangeAt {
  path: string;
  pointer: string;
  oldPointer?: string | undefined;
  before?: unknown;
  after?: unknown;
  detail?: ClassifyDetail;
}

export function report(ctx: DiffContext, kind: ChangeKind, at: ChangeAt, message: string): void {
  const change: ApiChange = {
    kind,
    class: classify(kind, ctx.side, at.detail),
    subject: ctx.subject,
    side: ctx.side,
    path: at.path,
    // A removal has no place in the new spec: it points at where it was.
    pointer: isRemoval(kind) ? (at.oldPointer ?? at.pointer) : at.pointer,
    message,
  };
  // Only set keys that have a value, so JSON output and test expectations stay small.
  if (at.oldPointer !== undefined && at.oldPointer !== change.pointer) change.oldPointer = at.oldPointer;
  if (at.before !== undefined) change.before = at.before;
  if (at.after !== undefined) change.after = at.after;
  ctx.out.push(change);
}

/** `voice_settings` + `voice_speed` → `voice_settings.voice_speed`. */
export const fieldPath = (path: string, name: string): string => (path ? `${path}.${name}` : name);

/** Where two nodes sit, for a change reported at them. */
export const at = (a: SchemaNode, b: SchemaNode, path: string, extra: Partial<ChangeAt> = {}): ChangeAt => ({
  path,
  pointer: b.pointer,
  oldPointer: a.pointer,
  ...extra,
});

/** Markdown-friendly rendering of a JSON value inside a message. */
export const show = (value: unknown): string => `\`${JSON.stringify(value)}\``;
