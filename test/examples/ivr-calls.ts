/**
 * What Telnyx sends examples/ivr about one call, and what the IVR must send back: webhook bodies
 * shaped as Telnyx delivers them, and the requests the call menu causes.
 */
import { randomUUID } from 'node:crypto';

/** The ids Telnyx gives one call leg. */
export function newCall() {
  return {
    call_control_id: `v3:${randomUUID()}`,
    call_leg_id: randomUUID(),
    call_session_id: randomUUID(),
    connection_id: '2811212257810187875',
  };
}
export type Call = ReturnType<typeof newCall>;

/** A webhook body as Telnyx sends it, with a fresh event id. */
export function webhook(eventType: string, payload: Record<string, unknown>) {
  const data = { event_type: eventType, id: randomUUID(), occurred_at: new Date().toISOString(), payload };
  return {
    data: { ...data, record_type: 'event' },
    meta: { attempt: 1, delivered_to: 'https://ivr.example.com/webhooks' },
  };
}

export const action = (call: Call, name: string) => `/v2/calls/${call.call_control_id}/actions/${name}`;

/** call.initiated → call.answered → call.gather.ended with `digits`. */
export function menuChoice(call: Call, digits: string) {
  const party = { ...call, from: '+15551230000', to: '+15559870000' };
  return [
    webhook('call.initiated', { ...party, direction: 'incoming', state: 'parked' }),
    webhook('call.answered', { ...party, state: 'answered' }),
    webhook('call.dtmf.received', { ...party, digit: digits }),
    webhook('call.gather.ended', { ...party, digits, status: 'valid' }),
  ] as const;
}

/** The requests the IVR sends for the first two events of `menuChoice`: answer, then the menu. */
export function menuRequests(call: Call, menu: ReturnType<typeof menuChoice>) {
  const [initiated, answered] = menu;
  return [
    { method: 'POST', path: action(call, 'answer'), json: { command_id: `${initiated.data.id}:answer` } },
    {
      method: 'POST',
      path: action(call, 'gather_using_speak'),
      json: {
        payload: 'Press 1 to leave a message after the tone. Press 2 to end the call.',
        valid_digits: '12',
        maximum_digits: 1,
        voice: 'female',
        command_id: `${answered.data.id}:menu`,
      },
    },
  ];
}
