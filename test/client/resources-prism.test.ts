/**
 * Every operation around the media actions, called through the generated client against Prism
 * serving spec/voice-media.yaml: the call lifecycle, Media Storage (list with a deepObject
 * filter, upload as JSON and as multipart with a real file, retrieve, update, delete, download)
 * and Recordings (list with filters and a page, retrieve, delete, bulk delete, transcriptions).
 * Prism validates each request (method, path, query, auth, body in its content type) against
 * the spec and answers 422 with an `sl-violations` header when one does not conform, so a 2xx
 * with no such header means the spec accepts exactly what the client put on the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Telnyx } from '../../generated/src/index.ts';
import { startPrism, type PrismServer } from './helpers/prism.ts';

const SPEC = 'spec/voice-media.yaml';
const CALL_ID = 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg';
const REC_ID = '6e00ab49-9487-4364-8ad6-23965965afb2';

let prism: PrismServer;
let client: Telnyx;
beforeAll(async () => {
  prism = await startPrism(SPEC);
  client = new Telnyx({ apiKey: 'KEY_TEST', baseURL: prism.baseURL, maxRetries: 0 });
}, 120_000);
afterAll(() => prism?.stop());

/** The response Prism gave, asserting it found nothing wrong with the request. */
async function accepted<T>(call: { withResponse(): Promise<{ data: T; response: Response }> }) {
  const { data, response } = await call.withResponse().catch((error: unknown) => {
    throw new Error(`${String(error)}\n${prism.log().slice(-2000)}`);
  });
  expect(response.headers.get('sl-violations')).toBeNull();
  expect(response.status).toBeLessThan(300);
  return { data, response };
}

describe('the call lifecycle', () => {
  it('answer, gather_using_speak, gather_using_audio and hangup are accepted', async () => {
    const actions = client.calls.actions;
    await accepted(actions.answer(CALL_ID, { client_state: 'aGk=', webhook_url: 'https://example.com/hook' }));
    await accepted(
      actions.gatherUsingSpeak(CALL_ID, {
        payload: 'Press 1 for sales',
        voice: 'female',
        language: 'en-US',
        minimum_digits: 1,
        maximum_digits: 1,
        valid_digits: '12',
      }),
    );
    await accepted(actions.gatherUsingAudio(CALL_ID, { audio_url: 'https://example.com/menu.mp3', maximum_digits: 4 }));
    await accepted(actions.hangup(CALL_ID, { client_state: 'aGk=' }));
  });
});

describe('Media Storage', () => {
  it('lists with a deepObject filter (filter[content_type][]=…)', async () => {
    const { data } = await accepted(client.media.list({ filter: { content_type: ['audio_mpeg', 'audio_wav'] } }));
    expect(Array.isArray(data.data)).toBe(true);
  });

  it('uploads by media_url as JSON, and a real file as multipart', async () => {
    await accepted(client.media.upload({ media_url: 'https://example.com/prompt.mp3', media_name: 'prompt' }));
    const file = new File([new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0])], 'prompt.mp3', { type: 'audio/mpeg' });
    const { data } = await accepted(client.media.upload({ media: file, media_name: 'prompt', ttl_secs: 600 }));
    expect(typeof data.data?.media_name).toBe('string');
  });

  it('retrieves, updates (JSON and multipart), deletes and downloads by media_name', async () => {
    await accepted(client.media.retrieve('prompt'));
    await accepted(client.media.update('prompt', { media_url: 'https://example.com/v2.mp3', ttl_secs: 60 }));
    await accepted(client.media.update('prompt', { media: new Uint8Array([1, 2, 3]) }, { contentType: 'multipart/form-data' }));
    const deleted = await accepted(client.media.delete('prompt'));
    expect(deleted.response.status).toBe(204);
    expect(deleted.data).toBeUndefined();
    const download = await client.media.download('prompt');
    expect(download).toBeInstanceOf(Response);
    expect(download.headers.get('sl-violations')).toBeNull();
    expect(download.status).toBe(200);
    expect(download.bodyUsed).toBe(false);
    await download.arrayBuffer();
  });
});

describe('Recordings', () => {
  it('lists one page with deepObject filters and a page size', async () => {
    const page = await client.recordings.list({
      filter: { call_control_id: CALL_ID, created_at: { gte: '2019-03-29T11:10:00Z', lte: '2030-01-01T00:00:00Z' } },
      page: { number: 1, size: 2 },
    });
    expect(page.response.headers.get('sl-violations')).toBeNull();
    expect(page.response.status).toBe(200);
    expect(Array.isArray(page.data)).toBe(true);
    expect(page.params).toEqual(expect.objectContaining({ page: { number: 1, size: 2 } }));
  });

  it('retrieves and deletes one, and deletes several', async () => {
    await accepted(client.recordings.retrieve(REC_ID));
    await accepted(client.recordings.delete(REC_ID));
    await accepted(client.recordings.actions.delete({ ids: [REC_ID, '6e00ab49-9487-4364-8ad6-23965965afb3'] }));
  });

  it('lists, retrieves and deletes transcriptions', async () => {
    const page = await client.recordingTranscriptions.list({ filter: { recording_id: REC_ID } });
    expect(page.response.headers.get('sl-violations')).toBeNull();
    await accepted(client.recordingTranscriptions.retrieve(REC_ID));
    await accepted(client.recordingTranscriptions.delete(REC_ID));
  });
});

describe('Prism really checks these requests (so the passes above mean something)', () => {
  const unchecked = { validate: false };
  it('refuses a deepObject query value of the wrong type', async () => {
    const error = await client.recordings.list({ page: { number: 'x' as never } }, unchecked).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ status: 422 });
    expect((error as { headers: Headers }).headers.get('sl-violations')).toContain('page');
  });

  it('refuses a multipart upload without its required file', async () => {
    const upload = client.media.upload({ media_name: 'x' } as never, { ...unchecked, contentType: 'multipart/form-data' });
    const error = await upload.then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ status: 422 });
    expect((error as { headers: Headers }).headers.get('sl-violations')).toContain('media');
  });
});

describe('what Prism refuses, the client refuses first', () => {
  it('a filter value of the wrong type fails local validation and sends nothing', async () => {
    const bad = client.recordings.list({ page: { number: 0 } });
    await expect(bad).rejects.toThrow(/page\/number/);
  });

  it('a path parameter that is not the uuid the spec asks for', async () => {
    const sent = await client.recordingTranscriptions.retrieve('not-a-uuid', { validate: false }).then(() => undefined, (e: unknown) => e);
    expect(sent).toMatchObject({ status: 422 });
    expect((sent as { headers: Headers }).headers.get('sl-violations')).toContain('recording_transcription_id');
    await expect(client.recordingTranscriptions.retrieve('not-a-uuid')).rejects.toThrow(/recording_transcription_id/);
  });
});
