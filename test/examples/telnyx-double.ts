/**
 * A loopback HTTP server that plays Telnyx's part for examples/ivr: the call-control actions,
 * Media Storage upload, the Recordings API, and the storage bucket that serves recording audio.
 * It records every request it gets, in order, and answers with bodies shaped as the spec says;
 * each JSON answer is checked against the generated guard for its response type first, and any
 * mismatch is kept in `problems` (a test double that drifts from the spec proves nothing).
 *
 * Multipart uploads are read with busboy, a parser independent of the fetch/undici FormData that
 * wrote them, so an encoding mistake on the client's side cannot cancel out on this side.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import { validateCallControlCommandResponse } from '../../generated/src/guards/CallControlCommandResponse.ts';
import { validateGetRecordingsResponse } from '../../generated/src/guards/GetRecordingsResponse.ts';
import { validateMediaResourceResponse } from '../../generated/src/guards/MediaResourceResponse.ts';
import { validateRecordingResponse } from '../../generated/src/guards/RecordingResponse.ts';
import type { ValidationResult } from '../../generated/src/core/validation.ts';

export interface UploadedFile {
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

/** One request as the server saw it. */
export interface ApiRequest {
  method: string;
  /** The path with each segment percent-decoded, as a server framework hands it over. */
  path: string;
  /** The path as sent (the client percent-encodes the `:` of call control ids). */
  rawPath: string;
  /** Query parameters by their raw names, e.g. `filter[call_leg_id]`. */
  query: Record<string, string>;
  authorization: string | undefined;
  /** A JSON body, parsed. */
  json?: Record<string, unknown>;
  /** A multipart body: its plain fields and its files. */
  form?: { fields: Record<string, string>; files: Record<string, UploadedFile> };
}

export interface StoredRecording {
  id: string;
  callControlId: string;
  callLegId: string;
  audio: Buffer;
}

export interface TelnyxDouble {
  /** The API's base URL, `http://127.0.0.1:<port>/v2`, for the client's `baseURL`. */
  apiBase: string;
  requests: ApiRequest[];
  /** Responses that failed their generated guard: must stay empty. */
  problems: string[];
  addRecording(recording: StoredRecording): void;
  /** Where the bucket serves a recording's audio (a presigned-style URL: no API key needed). */
  audioUrl(recordingId: string): string;
  close(): Promise<void>;
}

type Guard = (value: unknown) => ValidationResult<unknown>;

export async function startTelnyxDouble(apiKey: string): Promise<TelnyxDouble> {
  const recordings = new Map<string, StoredRecording>();
  const requests: ApiRequest[] = [];
  const problems: string[] = [];
  let origin = '';
  const audioUrl = (id: string) => `${origin}/bucket/${id}.mp3?X-Amz-Expires=600&X-Amz-Signature=test`;

  const recordingBody = (r: StoredRecording) => ({
    id: r.id,
    call_control_id: r.callControlId,
    call_leg_id: r.callLegId,
    channels: 'single',
    created_at: '2026-03-14T09:33:12.870Z',
    download_urls: { mp3: audioUrl(r.id) },
    duration_millis: 4000,
    initiated_by: 'StartCallRecordingAPI',
    record_type: 'recording',
    source: 'call',
    status: 'completed',
  });

  function json(res: ServerResponse, status: number, body: unknown, guard: Guard, what: string): void {
    const checked = guard(body);
    if (!checked.ok) problems.push(`${what}: ${JSON.stringify(checked.errors)}`);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  function notFound(res: ServerResponse, detail: string): void {
    const body = { errors: [{ code: '10005', title: 'Resource not found', detail }] };
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  async function route(res: ServerResponse, request: ApiRequest): Promise<void> {
    const { method, path } = request;
    const bucket = /^\/bucket\/([^/]+)\.mp3$/.exec(path);
    if (method === 'GET' && bucket) {
      const recording = recordings.get(bucket[1]!);
      if (!recording) return notFound(res, 'no such object');
      res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(recording.audio);
      return;
    }
    if (request.authorization !== `Bearer ${apiKey}`) {
      const body = { errors: [{ code: '10009', title: 'Authentication failed' }] };
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    if (method === 'POST' && path === '/v2/media') {
      const name = request.form?.fields['media_name'] ?? 'generated-name';
      const file = request.form?.files['media'];
      const media = {
        media_name: name,
        content_type: file?.mimeType ?? 'application/octet-stream',
        created_at: '2026-03-14T09:00:00Z',
      };
      return json(res, 201, { data: media }, validateMediaResourceResponse, 'media.upload');
    }
    if (method === 'POST' && /^\/v2\/calls\/[^/]+\/actions\/[a-z_]+$/.test(path)) {
      return json(res, 200, { data: { result: 'ok' } }, validateCallControlCommandResponse, path);
    }
    const one = /^\/v2\/recordings\/([^/]+)$/.exec(path);
    if (method === 'GET' && one) {
      const recording = recordings.get(one[1]!);
      if (!recording) return notFound(res, 'Recording not found');
      return json(res, 200, { data: recordingBody(recording) }, validateRecordingResponse, path);
    }
    if (method === 'GET' && path === '/v2/recordings') {
      const leg = request.query['filter[call_leg_id]'];
      const data = [...recordings.values()].filter((r) => leg === undefined || r.callLegId === leg);
      const meta = { page_number: 1, page_size: 20, total_pages: 1, total_results: data.length };
      return json(res, 200, { data: data.map(recordingBody), meta }, validateGetRecordingsResponse, path);
    }
    notFound(res, `${method} ${path} is not part of this double`);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const request: ApiRequest = {
        method: req.method ?? 'GET',
        path: url.pathname.split('/').map(decodeURIComponent).join('/'),
        rawPath: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
      };
      await readBody(req, request);
      requests.push(request);
      await route(res, request);
    })().catch((error: unknown) => {
      problems.push(`double failed on ${req.method} ${req.url}: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiBase: `${origin}/v2`,
    requests,
    problems,
    addRecording: (recording) => void recordings.set(recording.id, recording),
    audioUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Fills `request.json` or `request.form` from the body, by its content type. */
async function readBody(req: IncomingMessage, request: ApiRequest): Promise<void> {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    request.form = await parseMultipart(req);
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (type.startsWith('application/json') && text !== '') request.json = JSON.parse(text);
}

function parseMultipart(req: IncomingMessage): Promise<NonNullable<ApiRequest['form']>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: Record<string, UploadedFile> = {};
    const parser = busboy({ headers: req.headers });
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        files[name] = {
          filename: info.filename ?? '',
          mimeType: info.mimeType,
          bytes: Buffer.concat(chunks),
        };
      });
    });
    parser.on('close', () => resolve({ fields, files }));
    parser.on('error', reject);
    req.pipe(parser);
  });
}
