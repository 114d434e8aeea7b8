/**
 * What Prism cannot show, against real servers on 127.0.0.1: auto-pagination over several pages
 * (page numbers and cursors), a multi-MiB download that the client hands over unread and never
 * buffers, multipart uploads read back by a real multipart parser (busboy), and query strings as
 * a real framework parses them (Express with the `qs` parser Rails-style APIs use).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import express from 'express';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Telnyx, toFile, ValidationError } from '../../generated/src/index.ts';
import { queryPairs, queryString, type ParamSpec } from '../../runtime/request-params.ts';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.closeAllConnections(), s.close();
});
afterAll(() => servers.forEach((s) => s.close()));

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const REC_ID = '428c31b6-7af4-4bcb-b7f5-5013ef9657c1';
const clientFor = (baseURL: string) => new Telnyx({ apiKey: 'KEY_TEST', baseURL, maxRetries: 0 });
const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('pagination', () => {
  /** Three pages of two recordings each, by `page[number]`, as Telnyx's meta describes them. */
  function pagedRecordings(seen: URL[]) {
    return (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url!, 'http://x');
      seen.push(url);
      const page = Number(url.searchParams.get('page[number]') ?? '1');
      const data = [1, 2].map((i) => ({ id: `rec-${page}-${i}`, record_type: 'recording' }));
      json(res, { data, meta: { page_number: page, page_size: 2, total_pages: 3, total_results: 6 } });
    };
  }

  it('for await walks every item of every page, keeping the filters on each request', async () => {
    const seen: URL[] = [];
    const client = clientFor(await listen(pagedRecordings(seen)));
    const ids: string[] = [];
    for await (const recording of client.recordings.list({ filter: { call_control_id: 'v3:abc' }, page: { size: 2 } }))
      ids.push(recording.id!);
    expect(ids).toEqual(['rec-1-1', 'rec-1-2', 'rec-2-1', 'rec-2-2', 'rec-3-1', 'rec-3-2']);
    expect(seen.map((u) => u.searchParams.get('page[number]'))).toEqual([null, '2', '3']);
    for (const url of seen) {
      expect(url.searchParams.get('filter[call_control_id]')).toBe('v3:abc');
      expect(url.searchParams.get('page[size]')).toBe('2');
    }
  });

  it('a page knows whether there is a next one and fetches it on request', async () => {
    const seen: URL[] = [];
    const client = clientFor(await listen(pagedRecordings(seen)));
    const first = await client.recordings.list({ page: { number: 2 } });
    expect(first.data.map((r) => r.id)).toEqual(['rec-2-1', 'rec-2-2']);
    expect(first.hasNextPage()).toBe(true);
    const last = await first.getNextPage();
    expect(last.data.map((r) => r.id)).toEqual(['rec-3-1', 'rec-3-2']);
    expect(last.hasNextPage()).toBe(false);
    await expect(last.getNextPage()).rejects.toThrow(/no next page/);
    expect(seen).toHaveLength(2);
  });

  it('follows meta.cursors.after as page[after] until there is none', async () => {
    const seen: URL[] = [];
    const cursors: Record<string, string | undefined> = { '': 'c1', c1: 'c2', c2: undefined };
    const client = clientFor(
      await listen((req, res) => {
        const url = new URL(req.url!, 'http://x');
        seen.push(url);
        const at = url.searchParams.get('page[after]') ?? '';
        json(res, { data: [{ id: `t-${at || 'start'}` }], meta: { cursors: { after: cursors[at], before: null } } });
      }),
    );
    const ids: string[] = [];
    for await (const t of client.recordingTranscriptions.list({ filter: { recording_id: REC_ID } })) ids.push(t.id!);
    expect(ids).toEqual(['t-start', 't-c1', 't-c2']);
    expect(seen.map((u) => u.searchParams.get('page[after]'))).toEqual([null, 'c1', 'c2']);
    expect(seen.every((u) => u.searchParams.get('filter[recording_id]') === REC_ID)).toBe(true);
  });

  it('stops on an empty page even when meta claims more', async () => {
    const client = clientFor(await listen((_req, res) => json(res, { data: [], meta: { page_number: 1, total_pages: 9 } })));
    const items: unknown[] = [];
    for await (const item of client.recordings.list()) items.push(item);
    expect(items).toEqual([]);
  });
});

describe('downloads', () => {
  it('hands over a 12 MiB body unread and streams it: the server sends the rest only after the client read the start', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(7);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const client = clientFor(
      await listen(async (_req, res) => {
        res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(12 * chunk.length) });
        res.write(chunk);
        // A client that buffered the whole body would wait here forever.
        await released;
        for (let i = 1; i < 12; i++) res.write(chunk);
        res.end();
      }),
    );
    // 12 MiB is over the default 8 MiB cap on bodies the client reads itself.
    const response = await client.media.download('prompt');
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    const reader = response.body!.getReader();
    let total = 0;
    const first = await reader.read();
    total += first.value!.byteLength;
    release();
    for (let r = await reader.read(); !r.done; r = await reader.read()) total += r.value.byteLength;
    expect(total).toBe(12 * chunk.length);
  });

  it('reads an error answer to a download as an APIError, with its JSON body', async () => {
    const client = clientFor(
      await listen((_req, res) => {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ code: '10005', title: 'Resource not found' }] }));
      }),
    );
    await expect(client.media.download('missing')).rejects.toMatchObject({ status: 404 });
  });
});

describe('multipart uploads, read by busboy', () => {
  interface Part {
    name: string;
    filename?: string | undefined;
    mimeType?: string | undefined;
    value: string;
  }
  async function uploadServer(parts: Part[][], headers: IncomingMessage['headers'][]) {
    return listen((req, res) => {
      headers.push(req.headers);
      const got: Part[] = [];
      const bb = busboy({ headers: req.headers });
      bb.on('field', (name, value) => got.push({ name, value }));
      bb.on('file', (name, stream, info) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () =>
          got.push({ name, filename: info.filename, mimeType: info.mimeType, value: Buffer.concat(chunks).toString('latin1') }),
        );
      });
      bb.on('close', () => {
        // A file part is complete only when its stream ends, after later fields: order by name.
        parts.push(got.sort((a, b) => a.name.localeCompare(b.name)));
        json(res, { data: { media_name: 'prompt', content_type: 'audio/mpeg' } });
      });
      req.pipe(bb);
    });
  }

  it('sends a File, bytes, a stream and a named upload as file parts, and plain fields as fields', async () => {
    const parts: Part[][] = [];
    const headers: IncomingMessage['headers'][] = [];
    const client = clientFor(await uploadServer(parts, headers));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('str'));
        c.enqueue(new TextEncoder().encode('eam'));
        c.close();
      },
    });
    await client.media.upload({ media: new File(['ID3file'], 'a.mp3', { type: 'audio/mpeg' }), media_name: 'a', ttl_secs: 60 });
    await client.media.upload({ media: new Uint8Array([0x62, 0x79, 0x74, 0x65, 0x73]), media_name: 'b' });
    await client.media.upload({ media: stream, media_name: 'c' });
    await client.media.upload({ media: toFile(new Uint8Array([0xff, 0x00, 0x80]), 'd.wav', 'audio/wav') });
    expect(parts).toEqual([
      [
        { name: 'media', filename: 'a.mp3', mimeType: 'audio/mpeg', value: 'ID3file' },
        { name: 'media_name', value: 'a' },
        { name: 'ttl_secs', value: '60' },
      ],
      [
        { name: 'media', filename: 'media', mimeType: 'application/octet-stream', value: 'bytes' },
        { name: 'media_name', value: 'b' },
      ],
      [
        { name: 'media', filename: 'media', mimeType: 'application/octet-stream', value: 'stream' },
        { name: 'media_name', value: 'c' },
      ],
      [{ name: 'media', filename: 'd.wav', mimeType: 'audio/wav', value: '\xff\x00\x80' }],
    ]);
    for (const h of headers) expect(h['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('sends JSON when no file is given, and multipart when asked to', async () => {
    const bodies: string[] = [];
    const client = clientFor(
      await listen((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          bodies.push(`${req.headers['content-type']} ${body.includes('form-data') ? 'multipart' : body}`);
          json(res, { data: {} });
        });
      }),
    );
    await client.media.upload({ media_url: 'https://example.com/a.mp3' });
    await client.media.update('a', { ttl_secs: 5 }, { contentType: 'multipart/form-data' });
    expect(bodies[0]).toBe('application/json {"media_url":"https://example.com/a.mp3"}');
    expect(bodies[1]).toMatch(/^multipart\/form-data; boundary=\S+ multipart$/);
    await expect(client.media.update('a', {}, { contentType: 'text/csv' })).rejects.toThrow(/not one this operation accepts/);
  });
});

describe('query strings, as Express (qs) parses them', () => {
  async function expressEcho(seen: unknown[]) {
    const app = express();
    app.set('query parser', 'extended');
    app.get('/{*rest}', (req, res) => {
      seen.push(req.query);
      res.json({ data: [], meta: { page_number: 1, total_pages: 1 } });
    });
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("Telnyx's deepObject filters and pages arrive as the nested objects they were", async () => {
    const seen: unknown[] = [];
    const client = clientFor(await expressEcho(seen));
    await client.recordings.list({
      filter: {
        call_control_id: 'v3:a&b=c',
        created_at: { gte: '2026-01-01T00:00:00Z', lte: '2026-02-01T00:00:00Z' },
        from: '+1 312 555',
      },
      page: { number: 2, size: 50 },
    });
    await client.media.list({ filter: { content_type: ['audio/mpeg', 'audio/wav'] } });
    expect(seen).toEqual([
      {
        filter: {
          call_control_id: 'v3:a&b=c',
          created_at: { gte: '2026-01-01T00:00:00Z', lte: '2026-02-01T00:00:00Z' },
          from: '+1 312 555',
        },
        page: { number: '2', size: '50' },
      },
      { filter: { content_type: ['audio/mpeg', 'audio/wav'] } },
    ]);
  });

  it('form (exploded and not), space- and pipe-delimited arrays, and objects, per OpenAPI', () => {
    const q = (spec: Omit<ParamSpec, 'in'>, value: unknown) => queryString(queryPairs({ ...spec, in: 'query' }, value));
    expect(q({ name: 'id' }, [3, 4])).toBe('?id=3&id=4');
    expect(q({ name: 'id', explode: false }, [3, 4])).toBe('?id=3%2C4');
    expect(q({ name: 'id', style: 'spaceDelimited' }, [3, 4])).toBe('?id=3%204');
    expect(q({ name: 'id', style: 'pipeDelimited' }, [3, 4])).toBe('?id=3%7C4');
    expect(q({ name: 'color' }, { R: 100, G: 200 })).toBe('?R=100&G=200');
    expect(q({ name: 'color', explode: false }, { R: 100, G: 200 })).toBe('?color=R%2C100%2CG%2C200');
    // OpenAPI's style table: the delimited styles join an object's names and values with their delimiter.
    expect(q({ name: 'color', style: 'spaceDelimited' }, { R: 100, G: 200 })).toBe('?color=R%20100%20G%20200');
    expect(q({ name: 'color', style: 'pipeDelimited' }, { R: 100, G: 200 })).toBe('?color=R%7C100%7CG%7C200');
    expect(q({ name: 'at' }, new Date('2026-01-02T03:04:05Z'))).toBe('?at=2026-01-02T03%3A04%3A05.000Z');
    expect(() => q({ name: 'f' }, { nested: { deep: 1 } })).toThrow(/Parameter `f.nested`/);
  });
});

describe('path parameters checked against their schema', () => {
  it('refuses an id that is not the uuid the spec asks for, before anything is sent', async () => {
    const seen: string[] = [];
    const base = await listen((req, res) => {
      seen.push(req.url!);
      json(res, { data: { id: REC_ID, record_type: 'recording_transcription' } });
    });
    const client = clientFor(base);
    const refused = await client.recordingTranscriptions.retrieve('recording-42').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).message).toMatch(/^recordingTranscriptions\.retrieve path is not valid/);
    expect((refused as ValidationError).issues.map((i) => i.path)).toEqual(['/recording_transcription_id']);
    await expect(client.recordingTranscriptions.delete('')).rejects.toBeInstanceOf(ValidationError);
    expect(seen).toEqual([]);

    // A valid id goes through, and `validate: false` sends what it is given.
    await client.recordingTranscriptions.retrieve(REC_ID);
    await client.recordingTranscriptions.retrieve('recording-42', { validate: false });
    expect(seen).toEqual([`/recording_transcriptions/${REC_ID}`, '/recording_transcriptions/recording-42']);
  });

  it('leaves a path parameter the spec types only as a string to the non-empty check', async () => {
    const seen: string[] = [];
    const client = clientFor(await listen((req, res) => (seen.push(req.url!), json(res, { data: {} }))));
    await client.recordings.retrieve('any id: not a uuid');
    expect(seen).toEqual(['/recordings/any%20id:%20not%20a%20uuid']);
    await expect(client.recordings.retrieve('')).rejects.toThrow(/must not be empty/);
  });
});
