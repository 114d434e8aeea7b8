/**
 * examples/ivr end to end: the IVR runs as its own process against a loopback double of Telnyx's
 * API (telnyx-double.ts), and gets webhooks signed with a test key (`/testing`) in the order
 * Telnyx sends them. Each webhook is answered only after its callback ran, so once a POST returns,
 * every API request that event causes has reached the double: no waiting on timers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookKeyPair, signWebhook, type WebhookKeyPair } from '../../generated/src/testing.ts';
import { action, menuChoice, menuRequests, newCall, webhook } from './ivr-calls.ts';
import { root, startIvr, type IvrProcess } from './ivr-process.ts';
import { startTelnyxDouble, type ApiRequest, type TelnyxDouble } from './telnyx-double.ts';

const API_KEY = 'KEY_IVR_TEST';
let keys: WebhookKeyPair;
let double: TelnyxDouble;
let ivr: IvrProcess;
let recordingsDir: string;

beforeAll(async () => {
  keys = await generateWebhookKeyPair();
  double = await startTelnyxDouble(API_KEY);
  recordingsDir = mkdtempSync(join(tmpdir(), 'ivr-recordings-'));
  ivr = await startIvr({
    TELNYX_API_KEY: API_KEY,
    TELNYX_PUBLIC_KEY: keys.publicKey,
    TELNYX_BASE_URL: double.apiBase,
    PORT: '0',
    IVR_RECORDINGS_DIR: recordingsDir,
  });
});

afterAll(async () => {
  await ivr?.stop();
  await double?.close();
  if (recordingsDir) rmSync(recordingsDir, { recursive: true, force: true });
});

/** POSTs `body` to the IVR as Telnyx does; `headers` replaces the valid signature when given. */
async function deliver(body: object, headers?: Record<string, string>) {
  const raw = JSON.stringify(body);
  const response = await fetch(`${ivr.url}/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(headers ?? (await signWebhook(raw, keys.privateKey))),
    },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Delivers each event in order; every one must be acknowledged with 200. Returns their ids. */
async function deliverAll(...events: Array<ReturnType<typeof webhook>>): Promise<string[]> {
  for (const event of events) {
    const answer = await deliver(event);
    expect(answer, `${event.data.event_type} ${event.data.id}`).toEqual({ status: 200, body: { ok: true } });
  }
  return events.map((e) => e.data.id);
}

/** Everything the double received from index `from` on. */
const since = (from: number): ApiRequest[] => double.requests.slice(from);

describe('examples/ivr', () => {
  it('uploads the greeting at start-up as a multipart file, with the API key', () => {
    const greeting = readFileSync(join(root, 'examples/ivr/greeting.wav'));
    expect(double.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v2/media',
      authorization: `Bearer ${API_KEY}`,
      form: {
        fields: { media_name: 'ivr-greeting', ttl_secs: '604800' },
        files: { media: { filename: 'greeting.wav', mimeType: 'audio/wav', bytes: greeting } },
      },
    });
    expect(double.requests[0]!.form!.files['media']!.bytes.equals(greeting)).toBe(true);
  });

  it('caller presses 1: greeting by media_name, recording, recording fetched and saved, hang-up', async () => {
    const call = newCall();
    const recording = { id: randomUUID(), callControlId: call.call_control_id, callLegId: call.call_leg_id };
    const audio = randomBytes(200_000);
    double.addRecording({ ...recording, audio });
    const start = double.requests.length;

    const menu = menuChoice(call, '1');
    const gatherId = menu[3].data.id;
    await deliverAll(...menu);
    await deliverAll(
      webhook('call.playback.started', { ...call, media_name: 'ivr-greeting' }),
      webhook('call.playback.ended', { ...call, media_name: 'ivr-greeting', status: 'completed' }),
    );
    // As Telnyx really sends it: with call_control_id and recording_id, which the spec leaves out.
    const [savedId] = await deliverAll(
      webhook('call.recording.saved', {
        ...call,
        channels: 'single',
        client_state: null,
        format: 'mp3',
        public_recording_urls: {},
        recording_id: recording.id,
        recording_urls: { mp3: double.audioUrl(recording.id), wav: null },
      }),
    );
    await deliverAll(
      webhook('call.hangup', { ...call, hangup_cause: 'normal_clearing', hangup_source: 'callee' }),
    );

    expect(since(start)).toMatchObject([
      ...menuRequests(call, menu),
      {
        method: 'POST',
        path: action(call, 'playback_start'),
        json: { media_name: 'ivr-greeting', command_id: `${gatherId}:greeting` },
      },
      {
        method: 'POST',
        path: action(call, 'record_start'),
        json: { format: 'mp3', channels: 'single', command_id: `${gatherId}:record` },
      },
      { method: 'GET', path: `/v2/recordings/${recording.id}`, authorization: `Bearer ${API_KEY}` },
      // The presigned download URL is fetched without the API key: it must not leak to storage.
      { method: 'GET', path: `/bucket/${recording.id}.mp3`, authorization: undefined },
      { method: 'POST', path: action(call, 'hangup'), json: { command_id: `${savedId}:done` } },
    ]);
    expect(readFileSync(join(recordingsDir, `${recording.id}.mp3`)).equals(audio)).toBe(true);
    expect(readdirSync(recordingsDir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('caller presses 2: hang-up; a redelivered event repeats its command with the same command_id', async () => {
    const call = newCall();
    const start = double.requests.length;
    const menu = menuChoice(call, '2');
    await deliverAll(...menu);
    await deliverAll({ ...menu[3], meta: { ...menu[3].meta, attempt: 2 } });
    await deliverAll(webhook('call.hangup', { ...call, hangup_source: 'callee' }));

    const goodbye = {
      method: 'POST',
      path: action(call, 'hangup'),
      json: { command_id: `${menu[3].data.id}:goodbye` },
    };
    expect(since(start)).toMatchObject([...menuRequests(call, menu), goodbye, goodbye]);
  });

  it('caller hangs up while recording: the recording is found by call leg and saved, no hang-up sent', async () => {
    const call = newCall();
    const recording = { id: randomUUID(), callControlId: call.call_control_id, callLegId: call.call_leg_id };
    const audio = randomBytes(5_000);
    double.addRecording({ ...recording, audio });
    const start = double.requests.length;

    const menu = menuChoice(call, '1');
    await deliverAll(...menu);
    await deliverAll(
      webhook('call.hangup', { ...call, hangup_cause: 'normal_clearing', hangup_source: 'caller' }),
    );
    // In the spec's shape: no recording_id and no call_control_id.
    const { call_control_id: _, ...withoutControlId } = call;
    await deliverAll(
      webhook('call.recording.saved', {
        ...withoutControlId,
        channels: 'single',
        recording_urls: { mp3: double.audioUrl(recording.id), wav: null },
      }),
    );

    expect(since(start).slice(4)).toMatchObject([
      { method: 'GET', path: '/v2/recordings', query: { 'filter[call_leg_id]': call.call_leg_id } },
      { method: 'GET', path: `/v2/recordings/${recording.id}` },
      { method: 'GET', path: `/bucket/${recording.id}.mp3` },
    ]);
    expect(
      since(start)
        .slice(0, 4)
        .map((r) => r.path),
    ).toEqual([
      action(call, 'answer'),
      action(call, 'gather_using_speak'),
      action(call, 'playback_start'),
      action(call, 'record_start'),
    ]);
    expect(readFileSync(join(recordingsDir, `${recording.id}.mp3`)).equals(audio)).toBe(true);
  });

  it('rejects a webhook with a bad signature (400) and sends Telnyx nothing for it', async () => {
    const forged = webhook('call.initiated', { ...newCall(), direction: 'incoming', state: 'parked' });
    const raw = JSON.stringify(forged);
    const otherKeys = await generateWebhookKeyPair();
    const start = double.requests.length;

    const wrongKey = await deliver(forged, await signWebhook(raw, otherKeys.privateKey));
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.body['error']).toBe('signature_mismatch');
    // Signed correctly, then changed on the way: the signature no longer matches either.
    const signed = await signWebhook(raw, keys.privateKey);
    const tampered = {
      ...forged,
      data: { ...forged.data, payload: { ...forged.data.payload, to: '+15550000000' } },
    };
    expect((await deliver(tampered, signed)).status).toBe(400);

    // A valid event after them: only its answer reaches Telnyx.
    const call = newCall();
    await deliverAll(webhook('call.initiated', { ...call, direction: 'incoming', state: 'parked' }));
    expect(since(start).map((r) => r.path)).toEqual([action(call, 'answer')]);
  });

  it('every answer the double gave matched the spec', () => {
    expect(double.problems).toEqual([]);
  });
});
