/**
 * A small spec with the operation shapes the voice-media fragment does not have (a required
 * query parameter, header and cookie parameters, form and raw-byte bodies, a text response,
 * names that would break a JavaScript object), generated with no naming entries, type-checked
 * against a consumer that must and must not compile, and run against a loopback server.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { spawn } from 'node:child_process';
import { generateFromText, ROOT, tempDir, typecheck, writeFiles } from '../helpers/generate.ts';

/**
 * Runs `body` against the generated package in a child process, without blocking this one
 * (whose loopback server must answer it); returns the JSON the body printed last.
 */
async function runAgainst(dir: string, body: string): Promise<unknown> {
  const script = join(dir, 'probe.ts');
  writeFileSync(script, `const pkg = await import(${JSON.stringify(join(dir, 'src/index.ts'))});\n${body}`);
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(err);
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

const NAMING = stringify({
  package: {
    name: 'shapes',
    version: '0.0.0',
    description: 'Operation shapes.',
    clientClass: 'Shapes',
    apiKeyEnv: 'SHAPES_KEY',
    publicKeyEnv: 'SHAPES_PUBLIC_KEY',
  },
});

const text = (type = 'string') => ({ schema: { type } });
const SPEC = stringify({
  openapi: '3.1.0',
  info: { title: 'shapes', version: '1' },
  servers: [{ url: 'https://api.example.com' }],
  paths: {
    '/things/{thing_id}': {
      parameters: [{ name: 'thing_id', in: 'path', required: true, ...text('integer') }],
      get: {
        operationId: 'GetThing',
        parameters: [
          { name: 'fields', in: 'query', required: true, style: 'form', explode: false, schema: { type: 'array', items: { type: 'string' } } },
          { name: 'X-Trace', in: 'header', required: true, ...text() },
          { name: 'session', in: 'cookie', ...text() },
        ],
        responses: { '200': { description: 'ok', content: { 'text/plain': text() } } },
      },
      put: {
        operationId: 'PutThing',
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } },
            },
          },
        },
        responses: { '204': { description: 'done' } },
      },
    },
    '/things/{thing_id}/content': {
      post: {
        operationId: 'PutContent',
        parameters: [{ name: 'thing_id', in: 'path', required: true, ...text('integer') }],
        requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { size: { type: 'integer' } } } } } } },
      },
    },
    '/kinds/{kind}/codes/{code}': {
      get: {
        operationId: 'GetKindCode',
        parameters: [
          { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: ['audio', 'video'] } },
          { name: 'code', in: 'path', required: true, schema: { $ref: '#/components/schemas/Code' } },
        ],
        responses: { '204': { description: 'ok' } },
      },
    },
    '/then/{id}/actions/then': {
      post: { operationId: 'Then', parameters: [{ name: 'id', in: 'path', required: true, ...text() }], responses: { '204': { description: 'ok' } } },
    },
    '/constructor/{id}/actions/toString': {
      post: { operationId: 'Ctor', parameters: [{ name: 'id', in: 'path', required: true, ...text() }], responses: { '204': { description: 'ok' } } },
    },
  },
  components: { schemas: { Code: { type: 'string', pattern: '^[A-Z]{3}$' } } },
});

let dir: string;
let baseURL: string;
const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('latin1');
  req.on('data', (c: string) => (body += c));
  req.on('end', () => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    if (req.method === 'GET') return res.writeHead(200, { 'content-type': 'text/plain' }).end('a thing');
    if (req.url!.endsWith('/content')) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ size: body.length }));
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  const result = await generateFromText(SPEC, 'spec/shapes.yaml', NAMING);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  dir = tempDir('shapes');
  writeFiles(dir, result.files);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(() => server.close());

describe('operation shapes beyond the fragment', () => {
  it('type-checks, and refuses a missing required query or header parameter and wrong types', () => {
    writeFileSync(
      join(dir, 'src/consumer.ts'),
      `import { Shapes } from './index.js';
const c = new Shapes({ apiKey: 'k' });
export async function use(): Promise<void> {
  const text: string = await c.things.retrieve(7, { fields: ['a', 'b'], 'X-Trace': 't' });
  void text;
  await c.things.update(7, { name: 'n', tags: ['x'] });
  const out: { size?: number | null } = await c.things.content(7, { body: new Uint8Array([1]) });
  void out;
  // @ts-expect-error fields is a required query parameter
  await c.things.retrieve(7, { 'X-Trace': 't' });
  // @ts-expect-error X-Trace is a required header parameter
  await c.things.retrieve(7, { fields: [] });
  // @ts-expect-error thing_id is an integer
  await c.things.retrieve('7', { fields: [], 'X-Trace': 't' });
  // @ts-expect-error fields is a list
  await c.things.retrieve(7, { fields: 'a', 'X-Trace': 't' });
  // @ts-expect-error the raw body is required
  await c.things.content(7, {});
  await c.kinds.codes.retrieve('audio', 'ABC');
  // @ts-expect-error kind is 'audio' or 'video'
  await c.kinds.codes.retrieve('text', 'ABC');
}
`,
    );
    const tsc = typecheck(dir);
    expect(tsc.output).toBe('');
    expect(tsc.code).toBe(0);
  }, 60_000);

  it('puts each parameter where the spec says, and sends form and raw bodies as declared', async () => {
    seen.length = 0;
    const out = await runAgainst(
      dir,
      `const c = new pkg.Shapes({ apiKey: 'k', baseURL: ${JSON.stringify(baseURL)}, maxRetries: 0 });
const text = await c.things.retrieve(7, { fields: ['a', 'b'], 'X-Trace': 'trace-1', session: 's 1' });
const none = await c.things.update(7, { name: 'n', tags: ['x', 'y'] });
const sized = await c.things.content(7, { body: new Uint8Array([0, 1, 2, 255]) });
console.log(JSON.stringify({ text, none: none === undefined, sized }));`,
    );
    expect(out).toEqual({ text: 'a thing', none: true, sized: { size: 4 } });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /things/7?fields=a%2Cb',
      'PUT /things/7',
      'POST /things/7/content',
    ]);
    expect(seen[0]!.headers['x-trace']).toBe('trace-1');
    expect(seen[0]!.headers.cookie).toBe('session=s%201');
    expect(seen[1]!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(seen[1]!.body).toBe('name=n&tags=x&tags=y');
    expect(seen[2]!.headers['content-type']).toBe('application/octet-stream');
    expect([...Buffer.from(seen[2]!.body, 'latin1')]).toEqual([0, 1, 2, 255]);
  }, 60_000);

  it('checks path parameters against their schemas (integer, enum, a named pattern) before sending', async () => {
    seen.length = 0;
    const out = await runAgainst(
      dir,
      `const c = new pkg.Shapes({ apiKey: 'k', baseURL: ${JSON.stringify(baseURL)}, maxRetries: 0 });
const refused = async (p) => p.then(() => 'sent', (e) => e instanceof pkg.ValidationError ? e.issues.map((i) => i.path) : String(e));
const results = [
  await refused(c.things.update(7.5, { name: 'n' })),
  await refused(c.kinds.codes.retrieve('text', 'ABC')),
  await refused(c.kinds.codes.retrieve('audio', 'abc')),
  await refused(c.kinds.codes.retrieve('video', 'XYZ')),
];
console.log(JSON.stringify(results));`,
    );
    expect(out).toEqual([['/thing_id'], ['/kind'], ['/code'], 'sent']);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /kinds/video/codes/XYZ']);
  }, 60_000);

  it('escapes members that would break an object: a resource with a `then` method is not thenable', async () => {
    seen.length = 0;
    const out = await runAgainst(
      dir,
      `const c = new pkg.Shapes({ apiKey: 'k', baseURL: ${JSON.stringify(baseURL)}, maxRetries: 0 });
const resource = await c.then_.actions;
await c.then_.actions.then_('x');
await c.constructor_.actions.toString_('y');
console.log(JSON.stringify({
  sameObject: resource === c.then_.actions,
  thenable: typeof c.then_.actions.then,
  ctor: c.constructor_.actions.constructor === pkg.ConstructorActions,
  str: String(c.constructor_.actions).startsWith('[object'),
}));`,
    );
    expect(out).toEqual({ sameObject: true, thenable: 'undefined', ctor: true, str: true });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /then/x/actions/then', 'POST /constructor/y/actions/toString']);
  }, 60_000);
});
