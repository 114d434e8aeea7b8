/**
 * Path parameters whose value is more than a plain string, as real specs write them:
 * - an array in the default `simple` style (APIs.guru: 49 in 7 specs, such as tfl.gov.uk's
 *   `/Line/{ids}/Status` and daniweb's `/apps/{ID}` with at most 100 integers), sent as its
 *   items joined with commas;
 * - a `$ref` to a named integer or enum (100 integer ones in 14 specs, such as peertube's
 *   `{abuseId}`). These were typed `string` while their guard expected the named type, so
 *   every call the types allowed was refused before it was sent.
 * Arrays of arrays and objects have no comma form the client could pick for the caller: they stay
 * `string`, the segment as the caller writes it. A package generated from a small spec, called in
 * a fresh process against a real server on 127.0.0.1 that records the URLs it receives.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePackage, recordingServer, runAgainst, typecheck } from '../helpers/generate.ts';

const ok = { '204': { description: 'done' } };
const get = (operationId: string, name: string, schema: unknown) => ({
  get: { operationId, parameters: [{ name, in: 'path', required: true, schema }], responses: ok },
});
const SPEC = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'Path values', version: '1' },
  paths: {
    '/Line/{ids}/Status': get('lineStatus', 'ids', { type: 'array', items: { type: 'string' } }),
    '/apps/{ID}': get('getApps', 'ID', {
      type: 'array',
      maxItems: 3,
      items: { type: 'integer', minimum: 1 },
    }),
    '/abuses/{abuseId}': get('getAbuse', 'abuseId', { $ref: '#/components/schemas/id' }),
    '/levels/{level}': get('getLevel', 'level', { $ref: '#/components/schemas/level' }),
    '/codes/{codes}': get('getCodes', 'codes', {
      type: 'array',
      items: { $ref: '#/components/schemas/sampleCode' },
    }),
    '/grid/{cells}': get('getGrid', 'cells', {
      type: 'array',
      items: { type: 'array', items: { type: 'string' } },
    }),
    '/plugins/{version}': get('getPlugin', 'version', {
      type: 'object',
      properties: { Major: { type: 'integer' } },
    }),
  },
  components: {
    schemas: {
      id: { type: 'integer', minimum: 1 },
      level: { type: 'integer', enum: [1, 2, 3] },
      // firebrowse.org's sample types: strings and numbers in one enum.
      sampleCode: { enum: ['01', '03', 9] },
    },
  },
});

describe('array and named path parameters', async () => {
  const { result, out } = await generatePackage(SPEC, 'path-values.json');

  it('type each as the value it is, and type-check', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    writeFileSync(
      join(out, 'src/usage.ts'),
      `import { WholeSpecClient } from './index.js';
       const client = new WholeSpecClient({ apiKey: 'k' });
       void client.line.status.list(['victoria', 'central']);
       const frozen: readonly string[] = ['victoria'];
       void client.line.status.list(frozen);
       // @ts-expect-error the client joins the items; a joined string is not an array
       void client.line.status.list('victoria,central');
       void client.apps.retrieve([1, 2]);
       // @ts-expect-error the items are integers
       void client.apps.retrieve(['1']);
       void client.abuses.retrieve(42);
       // @ts-expect-error a named integer takes a number
       void client.abuses.retrieve('42');
       void client.levels.retrieve(2);
       // @ts-expect-error one of the enum's values
       void client.levels.retrieve(4);
       void client.codes.retrieve(['01', 9]);
       // @ts-expect-error one of the enum's values
       void client.codes.retrieve(['02']);
       void client.grid.retrieve('a,b');
       void client.plugins.retrieve('1.2');
      `,
    );
    expect(typecheck(out).output).toBe('');
  });

  it("show each method in the README, and the client's doc, called with arguments of its types", () => {
    const text = (path: string) => result.files.find((f) => f.path === path)!.content;
    const readmeCalls = [
      ...text('README.md').matchAll(/^\s*(?:const res = )?await (client\.[\w.]+\([^;]*\));/gm),
    ].map((m) => m[1]!);
    expect(readmeCalls).toEqual(
      expect.arrayContaining([
        'client.line.status.list(["<ids>"])',
        'client.apps.retrieve([1])',
        'client.abuses.retrieve(1)',
        'client.levels.retrieve(1)',
        'client.codes.retrieve(["01"])',
        'client.grid.retrieve("<cells>")',
        'client.plugins.retrieve("<version>")',
      ]),
    );
    const docCall = /\* const res = await (client\.[^;]+);/.exec(text('src/client.ts'))![1]!;
    writeFileSync(
      join(out, 'src/readme-calls.ts'),
      `import { WholeSpecClient } from './index.js';
       const client = new WholeSpecClient({ apiKey: 'k' });
       export async function calls() {
         ${[...readmeCalls, docCall].map((call) => `await ${call};`).join('\n')}
       }
      `,
    );
    expect(typecheck(out).output).toBe('');
  });

  it('send arrays comma-joined, named scalars as themselves, and check them before sending', () => {
    const seen = runAgainst(
      out,
      `${recordingServer('req.url')}
       const refused = [];
       const attempt = async (call) => {
         try { await call(); } catch (error) { refused.push(error.constructor.name + ': ' + error.message); }
       };
       await client.line.status.list(['victoria', 'central', 'a,b c']);
       await client.apps.retrieve([1, 2, 3]);
       await client.abuses.retrieve(42);
       await client.levels.retrieve(3);
       await client.codes.retrieve(['01', 9]);
       await client.grid.retrieve('a,b');
       await attempt(() => client.apps.retrieve([1, 2, 3, 4]));
       await attempt(() => client.apps.retrieve([0]));
       await attempt(() => client.abuses.retrieve(0));
       await attempt(() => client.line.status.list([]));
       server.close();
       console.log(JSON.stringify({ urls: requests, refused }));`,
    );
    expect(seen).toStrictEqual({
      urls: [
        '/Line/victoria,central,a%2Cb%20c/Status',
        '/apps/1,2,3',
        '/abuses/42',
        '/levels/3',
        '/codes/01,9',
        '/grid/a%2Cb',
      ],
      refused: [
        'ValidationError: apps.retrieve path is not valid:\n  /ID: expected at most 3 items, got 4',
        'ValidationError: apps.retrieve path is not valid:\n  /ID/0: expected a number >= 1, got 0',
        'ValidationError: abuses.retrieve path is not valid:\n  /abuseId: expected a number >= 1, got 0',
        'TelnyxError: Path parameter `ids` must not be an empty array.',
      ],
    });
  });
});
