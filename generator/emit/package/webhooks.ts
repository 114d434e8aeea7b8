/**
 * The view of `src/webhooks.ts`: the events the package routes by `data.event_type` (one entry per
 * value, so a webhook listing several values is reachable under each), the union of their types,
 * and every webhook by its key, routed or not, so events the package cannot route are still typed.
 */
import type { Symbols } from '../../ir/symbols.js';
import type { Model, WebhookEvent } from '../../ir/types.js';
import { jsDocText } from '../escape.js';

export interface WebhookView {
  /** One per routed `data.event_type` value. */
  events: { eventType: string; schemaType: string; validator: string; docLines: string[] }[];
  /** Every webhook, by its key in the spec. */
  bodies: { name: string; schemaType: string; docLines: string[] }[];
  /** The distinct body types, for the import list. */
  types: string[];
  /** The distinct guards the routed events are checked with, and their modules. */
  validators: { validator: string; guardModule: string }[];
  /** Set when the package has no guards: every routed event is read unchecked. */
  unchecked: boolean;
  eventUnion: string;
}

/** `checks`: whether events are checked with their guards (not under `guards: none`). */
export function webhookView(model: Model, symbols: Symbols, checks = true): WebhookView {
  const events = model.webhooks.flatMap((w) => {
    const { type, validate } = symbols.schema(w.schemaName);
    return w.routes.map((eventType) => ({
      eventType,
      schemaType: type,
      validator: checks ? validate : 'uncheckedEvent',
      docLines: eventDocs(w),
    }));
  });
  const bodies = model.webhooks.map((w) => ({
    name: w.name,
    schemaType: symbols.schema(w.schemaName).type,
    docLines: [...eventDocs(w), routing(w)].map(jsDocText),
  }));
  const routed = unique(model.webhooks.filter((w) => w.routes.length > 0).map((w) => w.schemaName));
  return {
    events: events.map((e) => ({ ...e, docLines: e.docLines.map(jsDocText) })),
    bodies,
    types: unique(bodies.map((b) => b.schemaType)),
    validators: checks
      ? routed.map((name) => {
          const { validate, guardModule } = symbols.schema(name);
          return { validator: validate, guardModule };
        })
      : [],
    unchecked: !checks,
    eventUnion: unique(events.map((e) => e.schemaType)).join(' | ') || 'never',
  };
}

function eventDocs(w: WebhookEvent): string[] {
  return [w.docs.title ?? w.eventType, ...(w.docs.summary ? [w.docs.summary] : [])];
}

function routing(w: WebhookEvent): string {
  if (w.routes.length === 0)
    return '`unwrapWebhook` does not route it: its body has no `data.event_type` value list (see the warning the generator printed).';
  return `Routed by \`data.event_type\`: ${w.routes.map((r) => `\`${r}\``).join(', ')}.`;
}

function unique<T>(values: T[]): T[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}
