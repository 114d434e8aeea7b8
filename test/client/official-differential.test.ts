/**
 * Differential test of what goes on the wire: the generated client against the official `telnyx`
 * package (7.24.0, a test-only oracle, the SDK Telnyx generates with Stainless), both calling one
 * server on 127.0.0.1 with the same arguments. For every operation both have, the requests must
 * agree on method, path byte for byte, query parameters, the headers Telnyx reads, and the JSON
 * body. An error answer must be thrown as the same error class (`BadRequestError`,
 * `RateLimitError`, …) with the same status and parsed body, so code written against one catches
 * the other's errors too.
 *
 * Where the two are allowed to differ, and why:
 * - The query string's bytes: the official package percent-encodes brackets
 *   (`page%5Bsize%5D=2`), ours leaves them readable (`page[size]=2`); a server decodes both to
 *   the same names, so the decoded pairs are compared.
 * - `command_id`: ours fills one in when the caller gives none (so a retried command is not
 *   applied twice); the official package sends none. Calls here give one, and the last test
 *   pins the difference down.
 * - An array inside a `filter` (`GET /media`'s `filter[content_type]`): the spec says the
 *   parameter was `filter[content_type][]`, and ours sends one `filter[content_type][]` pair per
 *   item; the official package joins the items with commas. Also pinned down below.
 * - Headers Telnyx does not read (user agent, the official package's `x-stainless-*`).
 * Multipart uploads are left out: their boundaries differ by design.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Official from 'telnyx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Telnyx } from '../../generated/src/index.ts';

interface Seen {
  method: string;
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string | undefined>;
  body: unknown;
}

const seen: Seen[] = [];
/** When set, the server answers every request with this status and `ERROR_BODY`. */
let errorStatus: number | undefined;
// Telnyx's error body: a list of errors, each with a code, a title and where it applies.
const ERROR_BODY = {
  errors: [
    {
      code: '90018',
      title: 'Call has already ended',
      detail: 'This call is no longer active.',
      source: { pointer: '/call_control_id' },
    },
  ],
};
let server: Server;
let baseURL = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://127.0.0.1');
      seen.push({
        method: req.method!,
        // The raw path, as it arrived: no decoding, so an encoding difference shows.
        path: req.url!.split('?')[0]!,
        query: [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        headers: {
          authorization: req.headers.authorization,
          accept: req.headers.accept,
          'content-type': req.headers['content-type'],
        },
        body: text === '' ? undefined : JSON.parse(text),
      });
      if (errorStatus !== undefined) {
        res.writeHead(errorStatus, { 'content-type': 'application/json' }).end(JSON.stringify(ERROR_BODY));
        return;
      }
      // A list answers with one empty page; anything else with a command result.
      const list =
        req.method === 'GET' && /\/(recordings|media|recording_transcriptions)$/.test(url.pathname);
      const reply = list
        ? { data: [], meta: { page_number: 1, total_pages: 1 } }
        : { data: { result: 'ok' } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Clients = { ours: Telnyx; official: Official };
const clients = (): Clients => ({
  ours: new Telnyx({ apiKey: 'KEY_DIFF', baseURL, maxRetries: 0 }),
  official: new Official({ apiKey: 'KEY_DIFF', baseURL, maxRetries: 0 }),
});

/** The request each client sent for `call`, ours first. */
async function both(call: (c: Telnyx | Official) => PromiseLike<unknown>): Promise<[Seen, Seen]> {
  const { ours, official } = clients();
  seen.length = 0;
  await call(ours);
  await call(official);
  expect(seen).toHaveLength(2);
  return [seen[0]!, seen[1]!];
}

// A realistic call control id (`v3:` and base64url) and one with every character a path must encode.
const CALL_IDS = ['v3:u5OAKGEPT3Dx8SZSSDRWEMdNH2OripQhO', 'v3:a/b?c#d e%f@g'];
const STATE = 'aGF2ZSBhIG5pY2UgZGF5ID1d';
const command = (n: number) => ({
  client_state: STATE,
  command_id: `891510ac-f3e4-11e8-af5b-de00688a49${n}`,
});

/** Each call control action both clients have, called the same way on both. */
const ACTIONS: Array<[string, (c: Telnyx | Official, id: string) => PromiseLike<unknown>]> = [
  [
    'answer',
    (c, id) => c.calls.actions.answer(id, { ...command(1), webhook_url: 'https://example.com/hook' }),
  ],
  ['hangup', (c, id) => c.calls.actions.hangup(id, command(2))],
  [
    'startPlayback',
    (c, id) =>
      c.calls.actions.startPlayback(id, {
        ...command(3),
        audio_url: 'https://example.com/hello.mp3?x=1&y=2',
        loop: 2,
        overlay: false,
        target_legs: 'self',
        cache_audio: true,
        audio_type: 'mp3',
      }),
  ],
  [
    'stopPlayback',
    (c, id) => c.calls.actions.stopPlayback(id, { ...command(4), stop: 'all', overlay: false }),
  ],
  [
    'startRecording',
    (c, id) =>
      c.calls.actions.startRecording(id, { ...command(5), format: 'mp3', channels: 'dual', play_beep: true }),
  ],
  ['pauseRecording', (c, id) => c.calls.actions.pauseRecording(id, command(6))],
  ['resumeRecording', (c, id) => c.calls.actions.resumeRecording(id, command(7))],
  ['stopRecording', (c, id) => c.calls.actions.stopRecording(id, command(8))],
  [
    'speak',
    (c, id) =>
      c.calls.actions.speak(id, {
        ...command(9),
        payload: 'Héllo, <b>world</b> ✓',
        voice: 'female',
        language: 'en-US',
        payload_type: 'text',
      }),
  ],
  [
    'gatherUsingSpeak',
    (c, id) =>
      c.calls.actions.gatherUsingSpeak(id, {
        ...command(10),
        payload: 'Press one',
        voice: 'female',
        language: 'en-US',
        minimum_digits: 1,
        maximum_digits: 4,
        valid_digits: '123',
      }),
  ],
  [
    'gatherUsingAudio',
    (c, id) =>
      c.calls.actions.gatherUsingAudio(id, {
        ...command(11),
        audio_url: 'https://example.com/menu.mp3',
        minimum_digits: 1,
        maximum_digits: 1,
      }),
  ],
];

describe('call control actions, ours against the official telnyx package', () => {
  for (const [name, call] of ACTIONS) {
    it.each(CALL_IDS)(`${name}: the same request for call %s`, async (id) => {
      const [ours, official] = await both((c) => call(c, id));
      expect(ours).toStrictEqual(official);
      expect(ours.method).toBe('POST');
      expect(ours.headers).toStrictEqual({
        authorization: 'Bearer KEY_DIFF',
        accept: 'application/json',
        'content-type': 'application/json',
      });
    });
  }

  it('agree on how a call control id is written into the path', async () => {
    const paths: string[] = [];
    for (const id of CALL_IDS)
      paths.push((await both((c) => c.calls.actions.hangup(id, command(2))))[0].path);
    expect(paths).toStrictEqual([
      '/v2/calls/v3:u5OAKGEPT3Dx8SZSSDRWEMdNH2OripQhO/actions/hangup',
      '/v2/calls/v3:a%2Fb%3Fc%23d%20e%25f@g/actions/hangup',
    ]);
  });
});

describe('recordings, transcriptions and media, ours against the official telnyx package', () => {
  const REC = '6e00ab49-9487-4364-8ad6-23965965afb2';
  const cases: Array<[string, (c: Telnyx | Official) => PromiseLike<unknown>]> = [
    [
      'recordings.list with filters and a page',
      (c) =>
        c.recordings.list({
          filter: { call_control_id: 'v3:abc&x=y', created_at: { gte: '2026-01-01T00:00:00Z' } },
          page: { number: 2, size: 50 },
        }),
    ],
    ['recordings.retrieve', (c) => c.recordings.retrieve(REC)],
    ['recordings.delete', (c) => c.recordings.delete(REC)],
    [
      'recordings.actions.delete',
      (c) => c.recordings.actions.delete({ ids: [REC, REC.replace('6e', '7f')] }),
    ],
    ['recordingTranscriptions.list', (c) => c.recordingTranscriptions.list()],
    ['recordingTranscriptions.retrieve', (c) => c.recordingTranscriptions.retrieve(REC)],
    ['recordingTranscriptions.delete', (c) => c.recordingTranscriptions.delete(REC)],
    ['media.list', (c) => c.media.list()],
    ['media.retrieve', (c) => c.media.retrieve('greeting 1.mp3')],
    ['media.delete', (c) => c.media.delete('greeting 1.mp3')],
  ];
  it.each(cases)('%s: the same request', async (_, call) => {
    const [ours, official] = await both(call);
    expect(ours).toStrictEqual(official);
  });

  it('send the same query pairs, brackets and all, once decoded', async () => {
    const [ours] = await both((c) =>
      c.recordings.list({ filter: { call_control_id: 'v3:abc&x=y' }, page: { number: 2, size: 50 } }),
    );
    expect(ours.query).toStrictEqual([
      ['filter[call_control_id]', 'v3:abc&x=y'],
      ['page[number]', '2'],
      ['page[size]', '50'],
    ]);
  });
});

describe('the intended differences', () => {
  it('ours fills in a command_id when the call gives none; the official package does not', async () => {
    const [ours, official] = await both((c) => c.calls.actions.hangup(CALL_IDS[0]!, {}));
    expect(official.body).toStrictEqual({});
    expect(ours.body).toStrictEqual({ command_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect({ ...ours, body: {} }).toStrictEqual({ ...official, body: {} });
  });

  it('an array inside a filter: ours repeats `name[]`, as the spec names it; the official package joins with commas', async () => {
    const [ours, official] = await both((c) =>
      c.media.list({ filter: { content_type: ['audio/mpeg', 'audio/wav'] } }),
    );
    expect(ours.query).toStrictEqual([
      ['filter[content_type][]', 'audio/mpeg'],
      ['filter[content_type][]', 'audio/wav'],
    ]);
    expect(official.query).toStrictEqual([['filter[content_type]', 'audio/mpeg,audio/wav']]);
    expect({ ...ours, query: [] }).toStrictEqual({ ...official, query: [] });
  });
});

describe('errors, ours against the official telnyx package', () => {
  it.each([400, 401, 403, 404, 409, 422, 429, 500, 503, 418])(
    'an answer with status %i is thrown as the same error class, with the status and the body',
    async (status) => {
      errorStatus = status;
      try {
        const thrown = await Promise.all(
          Object.values(clients()).map((c) =>
            c.calls.actions.hangup(CALL_IDS[0]!, command(2)).then(
              () => undefined,
              (reason: unknown) => {
                const error = reason as { constructor: { name: string }; status?: number; error?: unknown };
                return { name: error.constructor.name, status: error.status, body: error.error };
              },
            ),
          ),
        );
        const [ours, official] = thrown;
        expect(official).toMatchObject({ status, body: ERROR_BODY });
        expect(ours).toStrictEqual(official);
      } finally {
        errorStatus = undefined;
      }
    },
  );
});
