/**
 * A real HTTP server on 127.0.0.1 for client tests: it records every request it receives and
 * answers with whatever the current test scripted. No mocks: the client under test talks to it
 * over a real socket through the runtime's own `fetch`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Answers one request; `attempt` counts requests since the last `reset`, from 0. */
export type Handler = (req: RecordedRequest, res: ServerResponse, attempt: number) => void;

/** A scripted reply: status, JSON-able or raw string body, and headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestServer {
  baseURL: string;
  requests: RecordedRequest[];
  /** Clears recorded requests and answers following requests with `handler`. */
  reset(handler: Handler): void;
  close(): Promise<void>;
}

/** A server for the calling test file: started before its tests, closed after them. */
export function testServerForFile(): TestServer {
  const server = {} as TestServer;
  beforeAll(async () => {
    Object.assign(server, await startTestServer());
  });
  afterAll(() => server.close());
  return server;
}

export async function startTestServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  let handler: Handler = (_req, res) => send(res, { status: 200, body: { data: {} } });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      handler(recorded, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    reset(next) {
      requests.length = 0;
      handler = next;
    },
    close() {
      // Slow-response tests leave sockets open; cut them so close() does not wait for them.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes a reply; an object body is sent as JSON, a string body as-is. */
export function send(res: ServerResponse, reply: Reply): void {
  const isRaw = typeof reply.body === 'string' || reply.body === undefined;
  const text = reply.body === undefined ? '' : isRaw ? String(reply.body) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(isRaw ? {} : { 'content-type': 'application/json' }),
    ...reply.headers,
  });
  res.end(text);
}

/** Answers the n-th request (from 0) with `replies[n]`, repeating the last one after that. */
export function replies(...list: Reply[]): Handler {
  return (_req, res, attempt) => {
    const reply = list[Math.min(attempt, list.length - 1)];
    if (!reply) throw new Error('replies() needs at least one reply');
    send(res, reply);
  };
}
