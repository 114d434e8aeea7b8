/**
 * Type tests for the resources around the media actions: list params (deepObject filters and
 * pages), uploads, downloads and the page iterator's item type. Compiled by `tsc -p
 * tsconfig.json` in `npm test`, never run. Each `@ts-expect-error` sits on a line that must NOT
 * compile; if the generated types ever accept it, the unused directive fails the build.
 */
import { expectTypeOf } from 'vitest';
import {
  Telnyx,
  type GetRecordingsResponse,
  type Page,
  type PagePromise,
  type RecordingResponseData,
  type RecordingTranscription,
} from '../../generated/src/index.ts';

const client = new Telnyx({ apiKey: 'KEY_TYPES_ONLY' });

export async function lists(): Promise<void> {
  const list = client.recordings.list({ filter: { created_at: { gte: '2026-01-01T00:00:00Z' } }, page: { size: 50 } });
  expectTypeOf(list).toEqualTypeOf<PagePromise<GetRecordingsResponse, RecordingResponseData>>();
  const page = await list;
  expectTypeOf(page).toEqualTypeOf<Page<GetRecordingsResponse, RecordingResponseData>>();
  expectTypeOf(page.data).toEqualTypeOf<RecordingResponseData[]>();
  for await (const recording of client.recordings.list()) expectTypeOf(recording).toEqualTypeOf<RecordingResponseData>();
  for await (const t of client.recordingTranscriptions.list()) expectTypeOf(t).toEqualTypeOf<RecordingTranscription>();

  // @ts-expect-error a filter the operation does not have
  void client.recordings.list({ filter: { call_control: 'v3:x' } });
  // @ts-expect-error a nested filter key that does not exist (created_at has gte and lte)
  void client.recordings.list({ filter: { created_at: { after: '2026-01-01' } } });
  // @ts-expect-error page[number] is an integer, not a string
  void client.recordings.list({ page: { number: '2' } });
  // @ts-expect-error content_type is a list of strings
  void client.media.list({ filter: { content_type: 'audio/mpeg' } });
  // @ts-expect-error a parameter the operation does not take at all
  void client.recordings.list({ limit: 10 });
}

export async function media(file: Blob, bytes: Uint8Array, stream: ReadableStream<Uint8Array>): Promise<void> {
  await client.media.upload({ media: file, media_name: 'prompt' });
  await client.media.upload({ media: bytes });
  await client.media.upload({ media: stream, ttl_secs: 60 });
  await client.media.upload({ media: { data: bytes, filename: 'a.mp3', contentType: 'audio/mpeg' } });
  await client.media.upload({ media_url: 'https://example.com/a.mp3' });
  // @ts-expect-error neither body: the JSON one needs media_url, the multipart one media
  await client.media.upload({ media_name: 'prompt' });
  // @ts-expect-error a file is bytes, a Blob, a stream or a string, not a number
  await client.media.upload({ media: 42 });

  const download = await client.media.download('prompt');
  expectTypeOf(download).toEqualTypeOf<Response>();
  expectTypeOf(await client.media.delete('prompt')).toEqualTypeOf<void>();
  // @ts-expect-error the media name is a path parameter, given first
  void client.media.retrieve();
  // @ts-expect-error retrieve takes no params object, only per-call options
  void client.media.retrieve('prompt', { media_name: 'other' });
  // @ts-expect-error bulk delete requires ids
  void client.recordings.actions.delete({});
}
