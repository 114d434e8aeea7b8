/**
 * The IVR's call flow, as webhook callbacks:
 *
 *   call.initiated (incoming)  → answer
 *   call.answered              → speak the menu and gather one digit (gather_using_speak)
 *   call.gather.ended  "1"     → play the uploaded greeting (by media_name), start recording
 *                      "2"     → hang up (also on no input or a wrong digit)
 *   call.recording.saved       → fetch the recording, save its audio, hang up if still connected
 *   call.hangup                → forget the call
 *
 * Each callback awaits its commands, so the webhook is answered 200 only once they were accepted;
 * when one fails the handler answers 500 and Telnyx delivers the event again. Each command's
 * `command_id` is derived from the event's id, so Telnyx ignores a command repeated by such a
 * redelivery instead of, say, playing the greeting twice.
 */
import {
  createWebhookHandler,
  type TelnyxClient,
  type WebhookEvent,
  type WebhookHandler,
} from 'telnyx-voice-media';
import { saveRecording } from './recording.js';

export interface IvrOptions {
  client: TelnyxClient;
  /** Base64 Ed25519 public key(s) from the Telnyx portal (comma-separated while rotating). */
  publicKey: string;
  /** The Media Storage name of the greeting played after the caller presses 1. */
  greetingMediaName: string;
  /** Where recordings are saved, one `<recording id>.<format>` file each. */
  recordingsDir: string;
  /** One line per step; defaults to `console.log`. */
  log?: ((line: string) => void) | undefined;
}

const MENU = 'Press 1 to leave a message after the tone. Press 2 to end the call.';

/** `{ command_id }` for `step` of the event's handling, or nothing when the event has no id. */
function commandFor(event: WebhookEvent, step: string): { command_id?: string } {
  return event.data.id ? { command_id: `${event.data.id}:${step}` } : {};
}

export function createIvrHandler(options: IvrOptions): WebhookHandler {
  const { client, log = console.log } = options;
  const actions = client.calls.actions;
  /** Calls still connected, by call_control_id; hanging up a call that already ended fails. */
  const connected = new Set<string>();

  return createWebhookHandler({
    publicKey: options.publicKey,
    on: {
      'call.initiated': async (event) => {
        const call = event.data.payload;
        if (!call?.call_control_id || call.direction !== 'incoming') return;
        connected.add(call.call_control_id);
        log(`call from ${call.from ?? 'unknown'}: answering`);
        await actions.answer(call.call_control_id, commandFor(event, 'answer'));
      },

      'call.answered': async (event) => {
        const callId = event.data.payload?.call_control_id;
        if (!callId) return;
        await actions.gatherUsingSpeak(callId, {
          payload: MENU,
          voice: 'female',
          language: 'en-US',
          valid_digits: '12',
          minimum_digits: 1,
          maximum_digits: 1,
          invalid_payload: 'Sorry, that is not an option.',
          ...commandFor(event, 'menu'),
        });
      },

      'call.gather.ended': async (event) => {
        const gather = event.data.payload;
        const callId = gather?.call_control_id;
        // Nothing to do once the caller has gone (the gather ends with status call_hangup).
        if (!callId || gather.status === 'call_hangup') return;
        if (gather.status === 'valid' && gather.digits === '1') {
          log(`caller chose 1: playing ${options.greetingMediaName} and recording`);
          await actions.startPlayback(callId, {
            media_name: options.greetingMediaName,
            ...commandFor(event, 'greeting'),
          });
          await actions.startRecording(callId, {
            format: 'mp3',
            channels: 'single',
            play_beep: true,
            max_length: 120,
            ...commandFor(event, 'record'),
          });
          return;
        }
        // "2", or no valid digit after every try Telnyx made (status timeout or invalid).
        log(`caller chose ${gather.digits || 'nothing'} (${gather.status ?? 'no status'}): hanging up`);
        await actions.hangup(callId, commandFor(event, 'goodbye'));
      },

      'call.recording.saved': async (event) => {
        const saved = await saveRecording(client, event, options.recordingsDir);
        log(`recording ${saved.recordingId} saved to ${saved.file}`);
        // The caller may have hung up first; then there is nothing left to end.
        if (saved.callControlId && connected.has(saved.callControlId)) {
          await actions.hangup(saved.callControlId, commandFor(event, 'done'));
        }
      },

      'call.hangup': (event) => {
        const callId = event.data.payload?.call_control_id;
        if (callId) connected.delete(callId);
      },
    },
  });
}
