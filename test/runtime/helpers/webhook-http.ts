/**
 * A real node:http server on 127.0.0.1 and a client that posts raw bytes to it, for the webhook
 * handler tests: the body goes out exactly as given, signed or not.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type PostArgs = [
  body: string | Uint8Array,
  headers: Record<string, string | string[]>,
  chunked?: boolean,
  method?: string,
];

/**
 * Sends with node:http to `port` (and `path`, default '/'); `chunked` omits content-length so
 * only the bytes read can tell size.
 */
export function postTo(
  where: number | { port: number; path: string },
  ...[body, headers, chunked = false, method = 'POST']: PostArgs
) {
  const { port, path } = typeof where === 'number' ? { port: where, path: '/' } : where;
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }>(
    (resolve, reject) => {
      const length = chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) };
      const req = http.request({ host: '127.0.0.1', port, path, method, headers: { ...headers, ...length } });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {} }),
        );
      });
      req.on('error', reject);
      // end(body) alone would make node:http compute a content-length; writing first streams
      // the body with chunked transfer encoding instead, so no length is declared.
      if (chunked) req.write(body);
      req.end(chunked ? undefined : body);
    },
  );
}

/** A real node:http server on 127.0.0.1 for `listener`; resolves to its port and a closer. */
export async function serve(listener: http.RequestListener) {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { port, close };
}
