/**
 * Compile-time checks of the generated webhook types; never run, only type-checked by
 * test/webhooks/types.test.ts (`tsc --noEmit -p test/webhooks/types`). A failing `Assert` or a
 * `@ts-expect-error` that no longer sees an error makes tsc exit non-zero.
 *
 * Imports the generated source (`.js` maps to `.ts` under NodeNext) so no build is needed.
 */
import {
  WEBHOOK_EVENT_TYPES,
  createWebhookHandler,
  isUnknownWebhookEvent,
  isWebhookEventType,
  unwrapWebhook,
  type CallPlaybackEnded,
  type CallPlaybackEndedEvent,
  type CallRecordingSavedEvent,
  type CallSpeakEndedEvent,
  type UnknownWebhookEvent,
  type WebhookEvent,
  type WebhookEventType,
} from '../../../generated/src/index.js';

/** Exact type equality: mutual assignability is too weak (it lets `any` and unions slip). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

// The helper itself must be able to fail, or every check below would pass vacuously.
// @ts-expect-error 'a' is not exactly 'a' | 'b'
export type EqualsCanFail = Assert<Equals<'a', 'a' | 'b'>>;

type PlaybackEndedStatus =
  'file_not_found' | 'call_hangup' | 'unknown' | 'cancelled' | 'cancelled_amd' | 'completed' | 'failed';

// ---- Narrowing on data.event_type -----------------------------------------------------------

export function narrowsOnEventType(event: WebhookEvent): void {
  if (event.data.event_type === 'call.playback.ended') {
    // `payload` is optional, so `?.` adds undefined; a received optional field may be null; the
    // enum itself is exactly the seven values.
    const status = event.data.payload?.status;
    type _status = Assert<Equals<typeof status, PlaybackEndedStatus | null | undefined>>;
    const clientState = event.data.payload?.client_state;
    type _clientState = Assert<Equals<typeof clientState, string | null | undefined>>;
    type _data = Assert<Equals<typeof event.data, CallPlaybackEnded>>;
  }
}

/** Every event type handled, so the `never` default compiles. */
export function exhaustive(event: WebhookEvent): string {
  switch (event.data.event_type) {
    case 'call.playback.started':
      return event.data.payload?.media_url ?? '';
    case 'call.playback.ended':
      return event.data.payload?.status ?? '';
    case 'call.recording.error':
      return event.data.payload?.reason ?? '';
    case 'call.recording.saved':
      return event.data.payload?.recording_urls?.mp3 ?? '';
    case 'call.recording.transcription.saved':
      return event.data.payload?.transcription_text ?? '';
    case 'call.speak.started':
      return event.data.payload?.call_control_id ?? '';
    case 'call.speak.ended':
      return event.data.payload?.status ?? '';
    case 'call.initiated':
      return event.data.payload?.direction ?? '';
    case 'call.answered':
      return event.data.payload?.call_control_id ?? '';
    case 'call.hangup':
      return event.data.payload?.hangup_cause ?? '';
    case 'call.gather.ended':
      return event.data.payload?.digits ?? '';
    case 'call.dtmf.received':
      return event.data.payload?.digit ?? '';
    default: {
      const unreachable: never = event.data;
      return unreachable;
    }
  }
}

/** One case missing: the default is reachable, so assigning to `never` must not compile. */
export function missingACase(event: WebhookEvent): string {
  switch (event.data.event_type) {
    case 'call.playback.started':
    case 'call.playback.ended':
    case 'call.recording.error':
    case 'call.recording.saved':
    case 'call.recording.transcription.saved':
    case 'call.speak.started':
      return event.data.event_type;
    default: {
      // @ts-expect-error call.speak.ended is unhandled
      const unreachable: never = event.data;
      return unreachable;
    }
  }
}

// ---- unwrapWebhook's result ------------------------------------------------------------------

export async function unwrapResult(raw: string): Promise<void> {
  const event = await unwrapWebhook(raw, { headers: {} });
  type _result = Assert<Equals<typeof event, WebhookEvent | UnknownWebhookEvent>>;
  // Unknown events must be dealt with before `data` can be read as a known event.
  // @ts-expect-error UnknownWebhookEvent['data'] is unknown
  void event.data.event_type;
  if (isUnknownWebhookEvent(event)) {
    type _unknown = Assert<Equals<typeof event.event_type, string>>;
    return;
  }
  type _known = Assert<Equals<typeof event, WebhookEvent>>;
}

// ---- createWebhookHandler callbacks ----------------------------------------------------------

createWebhookHandler({
  on: {
    'call.speak.ended': (e) => {
      type _e = Assert<Equals<typeof e, CallSpeakEndedEvent>>;
    },
    'call.playback.ended': (e) => {
      type _e = Assert<Equals<typeof e, CallPlaybackEndedEvent>>;
    },
  },
  onUnknown: (e) => {
    type _e = Assert<Equals<typeof e, UnknownWebhookEvent>>;
  },
});

createWebhookHandler({
  on: {
    // @ts-expect-error not an event type this package knows
    'call.nope': () => undefined,
  },
});

createWebhookHandler({
  on: {
    // @ts-expect-error a callback for another event type's shape
    'call.speak.ended': (e: CallRecordingSavedEvent) => e.data.payload?.channels,
  },
});

// ---- WEBHOOK_EVENT_TYPES ---------------------------------------------------------------------

type _eventTypes = Assert<
  Equals<
    typeof WEBHOOK_EVENT_TYPES,
    readonly [
      'call.playback.started',
      'call.playback.ended',
      'call.recording.error',
      'call.recording.saved',
      'call.recording.transcription.saved',
      'call.speak.started',
      'call.speak.ended',
      'call.initiated',
      'call.answered',
      'call.hangup',
      'call.gather.ended',
      'call.dtmf.received',
    ]
  >
>;
type _sameSet = Assert<Equals<(typeof WEBHOOK_EVENT_TYPES)[number], WebhookEventType>>;
type _matchesUnion = Assert<Equals<WebhookEvent['data']['event_type'], WebhookEventType>>;

// ---- Options from the environment (string | undefined) under exactOptionalPropertyTypes ----------

declare const fromEnv: string | undefined;
export const handlerFromEnv = createWebhookHandler({ publicKey: fromEnv, strict: undefined, on: {} });
export const unwrapFromEnv = (body: string, headers: Headers) =>
  unwrapWebhook(body, { headers, key: fromEnv });

// ---- isWebhookEventType narrows the whole event -------------------------------------------------

declare const anyEvent: WebhookEvent | UnknownWebhookEvent;
declare function handleEnded(event: CallPlaybackEndedEvent): void;
if (isWebhookEventType(anyEvent, 'call.playback.ended')) handleEnded(anyEvent);
// @ts-expect-error without the guard, `anyEvent` is still the whole union
handleEnded(anyEvent);
