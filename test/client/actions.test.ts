/**
 * Behaviour of the GENERATED client (`client.calls.actions.*`) against a real node:http server
 * on loopback. test/runtime/client.test.ts covers the runtime's retry, timeout and error
 * mapping in depth; this file checks what the generator adds on top: paths, bodies, validation
 * wiring, idempotency keys per action, and that the hand-written runtime is what actually runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APIPromise,
  ResponseTooLargeError,
  Telnyx,
  TelnyxError,
  UnprocessableEntityError,
  ValidationError,
  type RequestOptions,
  type SpeakRequest,
} from '../../generated/src/index.ts';
import { generateWebhookKeyPair, signWebhook } from '../../generated/src/testing.ts';
import { replies, type Reply, testServerForFile } from '../runtime/helpers/http-server.ts';
import { failure } from '../helpers/failure.ts';

const API_KEY = 'KEY_ACTIONS_TEST';
// Every character here means something in a URL: each must reach the server percent-encoded.
const CALL_ID = 'v3:a/b?c#d';
const ENCODED_ID = 'v3:a%2Fb%3Fc%23d';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const OK: Reply = { status: 200, body: { data: { result: 'ok' } }, headers: { 'x-request-id': 'req-1' } };

/** One row per action: its path segment, sample params, and a call through the real method. */
type Send = (c: Telnyx, id: string, params: object, options?: RequestOptions) => Promise<unknown>;
const ACTIONS: { name: string; segment: string; params: object; send: Send }[] = [
  ['startPlayback', 'playback_start', { audio_url: 'https://example.com/a.mp3', loop: 2 }],
  ['stopPlayback', 'playback_stop', { stop: 'all' }],
  ['pauseRecording', 'record_pause', { client_state: 'aGk=' }],
  ['resumeRecording', 'record_resume', { recording_id: '6e00ab49-9487-4364-8ad6-23965965afb2' }],
  ['startRecording', 'record_start', { format: 'wav', channels: 'single' }],
  ['stopRecording', 'record_stop', {}],
  ['speak', 'speak', { payload: 'Hello', voice: 'female', language: 'en-US' }],
].map(([name, segment, params]) => ({
  name: name as string,
  segment: segment as string,
  params: params as object,
  // `as never`: each row's params fit its own action; the type tests cover the typing.
  send: (c, id, p, o) => c.calls.actions[name as 'speak'](id, p as never, o),
}));

const server = testServerForFile();

function client(options: ConstructorParameters<typeof Telnyx>[0] = {}): Telnyx {
  return new Telnyx({ apiKey: API_KEY, baseURL: server.baseURL, ...options });
}
const sentBodies = () => server.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe.each(ACTIONS)('calls.actions.$name', ({ segment, params, send }) => {
  it('POSTs the params plus a command_id to /calls/<encoded id>/actions/' + segment, async () => {
    server.reset(replies(OK));
    const res = (await send(client(), CALL_ID, params)) as { data?: { result?: string } };
    expect(res.data?.result).toBe('ok');
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe(`/calls/${ENCODED_ID}/actions/${segment}`);
    expect(req?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['user-agent']).toMatch(/^telnyx-voice-media\/\d+\.\d+\.\d+/);
    const { command_id, ...rest } = sentBodies()[0] ?? {};
    expect(rest).toEqual(params);
    expect(command_id).toMatch(UUID);
    expect(params).not.toHaveProperty('command_id'); // the caller's object is not mutated
  });

  it('keeps a caller-supplied command_id as is', async () => {
    server.reset(replies(OK));
    const mine = { ...params, command_id: 'my-own-id' };
    await send(client(), CALL_ID, mine);
    expect(sentBodies()).toEqual([mine]);
  });
});

describe('idempotency across retries', () => {
  // `retry-after-ms: 1` makes the client retry at once instead of after its 0.5 s backoff.
  const RETRY = { status: 503, body: { errors: [] }, headers: { 'retry-after-ms': '1' } };

  it('sends the same command_id on every retry of one call, a new one per call', async () => {
    // replies() counts requests since reset: call 1 gets 503, 503, 200; call 2 gets 503, 200.
    server.reset(replies(RETRY, RETRY, OK, RETRY, OK));
    const c = client();
    await c.calls.actions.speak(CALL_ID, { payload: 'Hi', voice: 'female' });
    await c.calls.actions.speak(CALL_ID, { payload: 'Hi', voice: 'female' });
    const ids = sentBodies().map((b) => b['command_id']);
    expect(ids).toHaveLength(5);
    expect(new Set(ids.slice(0, 3)).size).toBe(1);
    expect(new Set(ids.slice(3)).size).toBe(1);
    expect(ids[3]).not.toBe(ids[0]);
    expect(ids[0]).toMatch(UUID);
  });

  it('keeps the caller command_id on every retry', async () => {
    server.reset(replies(RETRY, RETRY, OK));
    await client().calls.actions.stopPlayback(CALL_ID, { command_id: 'cmd-1' });
    expect(sentBodies().map((b) => b['command_id'])).toEqual(['cmd-1', 'cmd-1', 'cmd-1']);
  });
});

describe('path parameter', () => {
  it('rejects an empty call_control_id before sending anything', async () => {
    server.reset(replies(OK));
    // A rejected promise like every other error, so `.catch()` sees it too.
    await expect(client().calls.actions.startPlayback('')).rejects.toThrow(TelnyxError);
    await expect(client().calls.actions.speak('', { payload: 'x', voice: 'female' })).rejects.toThrow(
      /call_control_id.*must not be empty/,
    );
    await expect(client().calls.actions.stopPlayback(undefined as unknown as string)).rejects.toThrow(
      /must be a string/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('local validation', () => {
  // `never` fits any params type: these values are wrong on purpose, to reach the runtime checks.
  const bad = (value: unknown) => value as never;

  it('lists the exact issue for speak without voice and sends nothing', async () => {
    server.reset(replies(OK));
    const error = await failure(client().calls.actions.speak(CALL_ID, bad({ payload: 'Hi' })));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: '/voice', keyword: 'required', message: 'required property "voice" is missing' },
    ]);
    expect(error.message).toContain('calls.actions.speak params');
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [
      'wrong enum',
      (c: Telnyx) => c.calls.actions.startPlayback(CALL_ID, bad({ audio_type: 'ogg' })),
      '/audio_type',
    ],
    ['loop: true', (c: Telnyx) => c.calls.actions.startPlayback(CALL_ID, bad({ loop: true })), '/loop'],
    [
      'missing channels',
      (c: Telnyx) => c.calls.actions.startRecording(CALL_ID, bad({ format: 'wav' })),
      '/channels',
    ],
    [
      'voice_settings of an unknown provider',
      (c: Telnyx) =>
        c.calls.actions.speak(CALL_ID, bad({ payload: 'x', voice: 'v', voice_settings: { type: 'nope' } })),
      '/voice_settings/type',
    ],
    [
      'voice_settings field of the wrong type',
      (c: Telnyx) =>
        c.calls.actions.speak(
          CALL_ID,
          bad({ payload: 'x', voice: 'v', voice_settings: { type: 'telnyx', voice_speed: 'fast' } }),
        ),
      '/voice_settings/voice_speed',
    ],
  ])('%s fails locally at %s', async (_label, call, pointer) => {
    server.reset(replies(OK));
    const error = await failure(call(client()));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([pointer]);
    expect(server.requests).toHaveLength(0);
  });

  it('sends invalid params when validate is false on the client or on the call', async () => {
    server.reset(replies(OK));
    const params = bad({ payload: 'Hi', loop: true });
    await client({ validate: false }).calls.actions.speak(CALL_ID, params);
    await client().calls.actions.speak(CALL_ID, params, { validate: false });
    expect(sentBodies().map(({ command_id: _, ...rest }) => rest)).toEqual([params, params]);
    // ...and a per-call `validate: true` overrides a client-wide `false`.
    await expect(
      client({ validate: false }).calls.actions.speak(CALL_ID, params, { validate: true }),
    ).rejects.toThrow(ValidationError);
    expect(server.requests).toHaveLength(2);
  });
});

describe('responses', () => {
  it('returns an APIPromise whose withResponse() exposes headers and the request id', async () => {
    server.reset(replies({ ...OK, headers: { 'x-request-id': 'req-77', 'x-extra': 'yes' } }));
    const promise = client().calls.actions.startPlayback(CALL_ID, { media_name: 'greeting' });
    expect(promise).toBeInstanceOf(APIPromise);
    const { data, response, requestId } = await promise.withResponse();
    expect(data.data?.result).toBe('ok');
    expect(requestId).toBe('req-77');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-extra')).toBe('yes');
    expect(server.requests).toHaveLength(1);
  });
});

describe('API key', () => {
  const saved = process.env['TELNYX_API_KEY'];
  afterEach(() => {
    if (saved === undefined) delete process.env['TELNYX_API_KEY'];
    else process.env['TELNYX_API_KEY'] = saved;
  });

  it('builds a webhook-only client without a key; requests then reject, sending nothing', async () => {
    delete process.env['TELNYX_API_KEY'];
    const keys = await generateWebhookKeyPair();
    const webhookOnly = new Telnyx({ publicKey: keys.publicKey, baseURL: server.baseURL });
    const raw = readFileSync(
      new URL('../fixtures/webhooks/events/call.speak.ended.json', import.meta.url),
      'utf8',
    );
    const event = await webhookOnly.webhooks.unwrap(raw, {
      headers: await signWebhook(raw, keys.privateKey),
    });
    expect(event).toMatchObject({ data: { event_type: 'call.speak.ended' } });

    server.reset(replies(OK));
    const error = await failure(webhookOnly.calls.actions.pauseRecording(CALL_ID));
    expect(error).toBeInstanceOf(TelnyxError);
    expect(error.message).toMatch(/Missing API key: pass `apiKey` .* TELNYX_API_KEY/);
    process.env['TELNYX_API_KEY'] = '   '; // blank counts as missing
    await expect(
      new Telnyx({ baseURL: server.baseURL }).calls.actions.stopRecording(CALL_ID),
    ).rejects.toThrow(/TELNYX_API_KEY/);
    expect(server.requests).toHaveLength(0);
  });

  it('defaults apiKey to process.env.TELNYX_API_KEY; an explicit apiKey wins', async () => {
    process.env['TELNYX_API_KEY'] = 'KEY_FROM_ENV';
    server.reset(replies(OK));
    await new Telnyx({ baseURL: server.baseURL }).calls.actions.pauseRecording(CALL_ID);
    await new Telnyx({ baseURL: server.baseURL, apiKey: 'KEY_EXPLICIT' }).calls.actions.pauseRecording(
      CALL_ID,
    );
    expect(server.requests.map((r) => r.headers['authorization'])).toEqual([
      'Bearer KEY_FROM_ENV',
      'Bearer KEY_EXPLICIT',
    ]);
  });
});

describe('seam with the hand-written runtime', () => {
  const runtime = new URL('../../runtime/', import.meta.url);
  const core = new URL('../../generated/src/core/', import.meta.url);

  it.each(readdirSync(runtime).filter((f) => f.endsWith('.ts')))(
    'core/%s is the runtime file verbatim',
    (file) => {
      const generated = readFileSync(new URL(file, core), 'utf8');
      const [header, blank, ...rest] = generated.split('\n');
      expect(header).toMatch(/^\/\/ Code generated by telnyx-voice-media-codegen .* DO NOT EDIT\.$/);
      expect(blank).toBe('');
      expect(rest.join('\n')).toBe(readFileSync(new URL(file, runtime), 'utf8'));
    },
  );

  it('throws the error classes the package index exports', async () => {
    const coreErrors = await import('../../generated/src/core/errors.ts');
    const coreValidation = await import('../../generated/src/core/validation.ts');
    expect(TelnyxError).toBe(coreErrors.TelnyxError);
    expect(UnprocessableEntityError).toBe(coreErrors.UnprocessableEntityError);
    expect(ResponseTooLargeError).toBe(coreErrors.ResponseTooLargeError);
    expect(ValidationError).toBe(coreValidation.ValidationError);
    server.reset(replies(OK));
    const error = await failure(client().calls.actions.speak(CALL_ID, { payload: 'x' } as SpeakRequest));
    expect(error.constructor).toBe(ValidationError);
  });
});
