/**
 * What the IVR does with a `call.recording.saved` event: find the recording through the
 * Recordings API, download its audio and save it to a folder.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { CallRecordingSavedEvent, TelnyxClient } from 'telnyx-voice-media';

export interface SavedRecording {
  recordingId: string;
  /** The call the recording belongs to, from the Recordings API. */
  callControlId: string | undefined;
  /** Path of the saved audio file. */
  file: string;
}

type SavedPayload = NonNullable<CallRecordingSavedEvent['data']['payload']>;

/**
 * Telnyx sends `recording_id` with this event, but its spec (and so the event's type) does not
 * list it: read it as an unknown field. When it is missing, look the recording up by call leg.
 */
async function findRecordingId(client: TelnyxClient, payload: SavedPayload): Promise<string> {
  const sent = 'recording_id' in payload ? payload.recording_id : undefined;
  if (typeof sent === 'string' && sent !== '') return sent;
  if (!payload.call_leg_id)
    throw new Error('call.recording.saved carries neither recording_id nor call_leg_id');
  // This IVR records each call once, so the call leg's first recording is the one.
  for await (const recording of client.recordings.list({ filter: { call_leg_id: payload.call_leg_id } })) {
    if (recording.id) return recording.id;
  }
  throw new Error(`no recording found for call leg ${payload.call_leg_id}`);
}

/** The recording's URL (a presigned one: fetched without the API key) and its file extension. */
function audioUrl(
  urls: { mp3?: string | null; wav?: string | null } | null | undefined,
): { url: string; extension: 'mp3' | 'wav' } | undefined {
  if (urls?.mp3) return { url: urls.mp3, extension: 'mp3' };
  if (urls?.wav) return { url: urls.wav, extension: 'wav' };
  return undefined;
}

/** Streams `url` into `file`, through a `.part` file so a failed download leaves no audio file. */
async function download(url: string, file: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    // The query of a presigned URL is a credential: leave it out of the message.
    const { origin, pathname } = new URL(url);
    throw new Error(`downloading ${origin}${pathname} failed with HTTP ${response.status}`);
  }
  const partial = `${file}.part`;
  try {
    await pipeline(
      Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
      createWriteStream(partial),
    );
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export async function saveRecording(
  client: TelnyxClient,
  event: CallRecordingSavedEvent,
  dir: string,
): Promise<SavedRecording> {
  const payload = event.data.payload;
  if (!payload) throw new Error('call.recording.saved without a payload');
  const recordingId = await findRecordingId(client, payload);
  const { data: recording } = await client.recordings.retrieve(recordingId);
  // The Recordings API's download URLs first; the event's own URLs when it gives none.
  const source = audioUrl(recording?.download_urls) ?? audioUrl(payload.recording_urls);
  if (!source) throw new Error(`recording ${recordingId} has no download URL`);
  await mkdir(dir, { recursive: true });
  // The id names the file: keep only characters that cannot leave the folder.
  const file = join(dir, `${recordingId.replace(/[^A-Za-z0-9_-]/g, '_')}.${source.extension}`);
  await download(source.url, file);
  return { recordingId, callControlId: recording?.call_control_id ?? undefined, file };
}
