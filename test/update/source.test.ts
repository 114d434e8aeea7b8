/**
 * Reading the new spec from a URL (generator/update/source.ts) against a real HTTP server on
 * 127.0.0.1: the body as served, redirects followed under the same rule, and clear errors for
 * what is refused. No request ever leaves the machine: refused URLs fail before any fetch.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrlAllowed, readSource } from '../../generator/update/source.ts';

const SPEC = 'openapi: 3.1.0\ninfo: { title: é, version: 1 }\npaths: {}\n';
let server: Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/spec3.yml') res.end(SPEC);
    else if (req.url === '/moved') res.writeHead(302, { location: '/spec3.yml' }).end();
    else if (req.url === '/away') res.writeHead(301, { location: 'http://example.com/spec3.yml' }).end();
    else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
    else if (req.url === '/huge') res.writeHead(200, { 'content-length': String(65 * 1024 * 1024) }).end();
    else res.writeHead(404).end('no');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('readSource from a URL', () => {
  it('returns the body as served, labelled by the URL without its query', async () => {
    const source = await readSource(`${base}/spec3.yml?token=secret#x`, process.cwd());
    expect(source).toStrictEqual({ text: SPEC, label: `${base}/spec3.yml` });
  });

  it('follows a redirect that stays allowed, and keeps the URL it was given as the label', async () => {
    expect(await readSource(`${base}/moved`, process.cwd())).toStrictEqual({
      text: SPEC,
      label: `${base}/moved`,
    });
  });

  it('refuses a redirect to plain http elsewhere, before requesting it', async () => {
    await expect(readSource(`${base}/away`, process.cwd())).rejects.toThrow(
      'refusing plain http for example.com: use https (http is allowed only for loopback hosts)',
    );
  });

  it('stops after five redirects', async () => {
    await expect(readSource(`${base}/loop`, process.cwd())).rejects.toThrow(
      `more than 5 redirects from ${base}/loop`,
    );
  });

  it('names the URL and the status when the server says no', async () => {
    await expect(readSource(`${base}/nope`, process.cwd())).rejects.toThrow(
      `GET ${base}/nope answered 404 Not Found`,
    );
  });

  it('refuses a body declared larger than the limit without reading it', async () => {
    await expect(readSource(`${base}/huge`, process.cwd())).rejects.toThrow(
      `${base}/huge is larger than 64 MB; not a spec`,
    );
  });

  it('says which URL could not be reached', async () => {
    // A port that was just listened on and closed: nothing answers there.
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((done) => closed.close(() => done()));
    await expect(readSource(`http://127.0.0.1:${port}/spec3.yml`, process.cwd())).rejects.toThrow(
      new RegExp(`^cannot fetch http://127\\.0\\.0\\.1:${port}/spec3\\.yml: .*ECONNREFUSED`),
    );
  });
});

describe('which URLs may be fetched', () => {
  const allowed = (url: string) => {
    try {
      checkUrlAllowed(new URL(url));
      return true;
    } catch {
      return false;
    }
  };

  it('https anywhere; http only on loopback', () => {
    expect(allowed('https://raw.githubusercontent.com/team-telnyx/openapi/master/openapi/spec3.yml')).toBe(
      true,
    );
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://127.1.2.3/x',
      'http://localhost/x',
      'http://[::1]:3000/x',
    ])
      expect(allowed(url), url).toBe(true);
    for (const url of [
      'http://example.com/x',
      'http://10.0.0.1/x',
      'http://127.0.0.1.example.com/x',
      'http://[::2]/x',
    ])
      expect(allowed(url), url).toBe(false);
  });

  it('no other scheme', () => {
    expect(() => checkUrlAllowed(new URL('file:///etc/passwd'))).toThrow(
      'unsupported URL scheme file: in file:///etc/passwd: use https',
    );
    expect(allowed('ftp://127.0.0.1/x')).toBe(false);
  });

  it('never requested what it refused', () => {
    expect(requests.filter((r) => r.includes('example.com'))).toStrictEqual([]);
  });
});

describe('readSource from a file', () => {
  it('names the file by its base name, as spec:extract does, and says why it cannot read it', async () => {
    await expect(readSource('test/fixtures/nope/spec3.yml', process.cwd())).rejects.toThrow(
      'cannot read test/fixtures/nope/spec3.yml: ENOENT',
    );
  });
});
