/**
 * JSON request bodies that are not objects: an array, a boolean, a `oneOf` of a string and a
 * number, any value. They have no fields to spread among the parameters, so a call takes them as
 * `params.body` and sends that value as it is. Before, the generated method spread them into an
 * object: an array went out as `{"0":…}` and a boolean did not compile. A package generated from
 * a small spec, called in a fresh process against a real server on 127.0.0.1. Beside them, an
 * object body the spec marks nullable: its params object cannot be null.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateFromText,
  generatePackage,
  recordingServer,
  ROOT,
  runAgainst,
  tempDir,
  typecheck,
  writeFiles,
} from '../helpers/generate.ts';

const SPEC = `openapi: 3.0.3
info: {title: Bodies, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /tags:
    put:
      operationId: replaceTags
      requestBody:
        required: true
        content: {application/json: {schema: {type: array, items: {type: string}, maxItems: 3}}}
      responses: {"204": {description: done}}
  /flag:
    patch:
      operationId: setFlag
      requestBody: {content: {application/json: {schema: {type: boolean}}}}
      responses: {"204": {description: done}}
  /note:
    post:
      operationId: addNote
      parameters: [{name: lang, in: query, schema: {type: string}}]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/Note"}}}
      responses: {"204": {description: done}}
  /anything:
    post:
      operationId: echoAnything
      requestBody: {required: true, content: {application/json: {schema: {}}}}
      responses: {"204": {description: done}}
  /objects:
    post:
      operationId: createObject
      requestBody:
        content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
      responses: {"204": {description: done}}
  /upload:
    post:
      operationId: uploadFile
      requestBody:
        content: {multipart/form-data: {schema: {$ref: "#/components/schemas/Upload"}}}
      responses: {"204": {description: done}}
  /adapter:
    post:
      operationId: saveAdapter
      requestBody:
        content:
          application/json: {schema: {type: string}}
          multipart/form-data: {schema: {type: string}}
      responses: {"204": {description: done}}
components:
  schemas:
    Upload:
      type: object
      nullable: true
      properties: {name: {type: string}}
    Note:
      oneOf: [{type: string, maxLength: 10}, {type: number}]
`;

describe('JSON bodies that are not objects', async () => {
  const { result, out } = await generatePackage(SPEC, 'bodies.yaml');

  it('generate with no error, and are typed as `params.body`', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    // A form body of a string has no fields: that content type is left out, with a warning.
    expect(
      result.diagnostics.filter((d) => d.code === 'form-body-not-object').map((d) => [d.severity, d.pointer]),
    ).toStrictEqual([['warning', '#/paths/~1adapter/post/requestBody/content/multipart~1form-data/schema']]);
    writeFileSync(
      join(out, 'src/usage.ts'),
      `import { WholeSpecClient } from './index.js';
       const client = new WholeSpecClient({ apiKey: 'k' });
       void client.tags.update({ body: ['a'] });
       void client.flag.update();
       void client.note.create({ body: 12, lang: 'en' });
       void client.anything.create({ body: null });
       void client.objects.create({ name: 'x' });
       void client.adapter.create({ body: 'config' });
       // @ts-expect-error the string is the params' body (the multipart variant that took it is gone)
       void client.adapter.create('config');
       // A nullable object body still takes a params object (it did not compile before).
       void client.upload.create({ name: 'x' });
       // @ts-expect-error the params object is not null
       void client.upload.create(null);
       // @ts-expect-error the array is the params' body, not the params
       void client.tags.update(['a']);
       // @ts-expect-error a required body
       void client.tags.update({});
       // @ts-expect-error a boolean body takes a boolean
       void client.flag.update({ body: 'yes' });
       // @ts-expect-error the note is a string or a number
       void client.note.create({ body: true });
      `,
    );
    expect(typecheck(out).output).toBe('');
  });

  it('send the body as it is, refuse a bad one before sending, and send none when it is left out', () => {
    const seen = runAgainst(
      out,
      `${recordingServer("{ method: req.method, url: req.url, type: req.headers['content-type'] ?? null, body: text }")}
       const refused = async (call) => { try { await call(); return 'sent'; } catch (e) { return e.constructor.name + ': ' + e.message.split('\\n')[0]; } };
       await client.tags.update({ body: ['a', 'b'] });
       await client.flag.update({ body: false });
       await client.flag.update();
       await client.note.create({ body: 'hi', lang: 'en' });
       await client.note.create({ body: 12 });
       await client.anything.create({ body: null });
       await client.objects.create({ name: 'x' });
       await client.adapter.create({ body: 'config' });
       const errors = [
         await refused(() => client.tags.update({ body: ['a', 'b', 'c', 'd'] })),
         await refused(() => client.note.create({ body: 'a note far too long' })),
         await refused(() => client.tags.update({ body: ['a'], extra: 1 })),
         await refused(() => client.tags.update({})),
       ];
       server.close();
       console.log(JSON.stringify({ requests, errors }));`,
    );
    const json = 'application/json';
    expect(seen).toStrictEqual({
      requests: [
        { method: 'PUT', url: '/tags', type: json, body: '["a","b"]' },
        { method: 'PATCH', url: '/flag', type: json, body: 'false' },
        { method: 'PATCH', url: '/flag', type: null, body: '' },
        { method: 'POST', url: '/note?lang=en', type: json, body: '"hi"' },
        { method: 'POST', url: '/note', type: json, body: '12' },
        { method: 'POST', url: '/anything', type: json, body: 'null' },
        { method: 'POST', url: '/objects', type: json, body: '{"name":"x"}' },
        { method: 'POST', url: '/adapter', type: json, body: '"config"' },
      ],
      errors: [
        expect.stringMatching(/^ValidationError: tags\.update body/),
        expect.stringMatching(/^ValidationError: note\.create body/),
        'TelnyxError: tags.update takes no parameter named "extra".',
        'TelnyxError: tags.update needs a request body: pass it as `body`.',
      ],
    });
  });
});

describe('form bodies whose schema accepts no object', async () => {
  // Jira's attachment upload (APIs.guru): a multipart body of one binary string, and
  // libretranslate's form-encoded string. Both specs were refused; the fields are unknown, so
  // the caller builds the body.
  const spec = `openapi: 3.0.3
info: {title: Forms, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /form:
    post:
      operationId: sendForm
      requestBody: {required: true, content: {application/x-www-form-urlencoded: {schema: {type: string}}}}
      responses: {"204": {description: done}}
  /attachments:
    post:
      operationId: attach
      parameters: [{name: note, in: query, schema: {type: string}}]
      requestBody: {content: {multipart/form-data: {schema: {type: string, format: binary}}}}
      responses: {"204": {description: done}}
  /upload:
    post:
      operationId: upload
      requestBody: {content: {multipart/form-data: {schema: {}}}}
      responses: {"204": {description: done}}
`;
  const { result, out } = await generatePackage(spec, 'forms.yaml');

  it('take the whole body from the caller, with a warning at the schema', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(
      result.diagnostics.filter((d) => d.code === 'form-body-whole').map((d) => [d.pointer, d.line]),
    ).toStrictEqual([
      ['#/paths/~1form/post/requestBody/content/application~1x-www-form-urlencoded/schema', 8],
      ['#/paths/~1attachments/post/requestBody/content/multipart~1form-data/schema', 14],
    ]);
    writeFileSync(
      join(out, 'src/usage.ts'),
      `import { WholeSpecClient } from './index.js';
       const client = new WholeSpecClient({ apiKey: 'k' });
       void client.form.create({ body: 'a=1&b=2' });
       void client.form.create({ body: new URLSearchParams({ a: '1' }) });
       void client.attachments.create({ body: new FormData(), note: 'n' });
       void client.attachments.create();
       // @ts-expect-error the form body is required
       void client.form.create({});
       // @ts-expect-error a multipart body the caller builds is a FormData
       void client.attachments.create({ body: 'file' });
       // \`{}\` says nothing against an object: that multipart body keeps its (unknown) fields.
       void client.upload.create({ anything: 1 });
      `,
    );
    expect(typecheck(out).output).toBe('');
  });

  it('send it as built, and refuse one of the wrong kind before sending', () => {
    const seen = runAgainst(
      out,
      `${recordingServer("{ url: req.url, type: (req.headers['content-type'] ?? '').split(';')[0], body: text }")}
       const refused = async (call) => { try { await call(); return 'sent'; } catch (e) { return e.constructor.name + ': ' + e.message; } };
       await client.form.create({ body: 'a=1&b=x%20y' });
       await client.form.create({ body: new URLSearchParams({ c: '3' }) });
       const form = new FormData();
       form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
       await client.attachments.create({ body: form, note: 'n' });
       await client.attachments.create();
       const errors = [
         await refused(() => client.attachments.create({ body: 'hello' })),
         await refused(() => client.form.create({})),
       ];
       server.close();
       console.log(JSON.stringify({ requests, errors }));`,
    ) as { requests: Array<{ url: string; type: string; body: string }>; errors: string[] };
    const form = 'application/x-www-form-urlencoded';
    expect(seen.requests.slice(0, 2)).toStrictEqual([
      { url: '/form', type: form, body: 'a=1&b=x%20y' },
      { url: '/form', type: form, body: 'c=3' },
    ]);
    const upload = seen.requests[2]!;
    expect([upload.url, upload.type]).toStrictEqual(['/attachments?note=n', 'multipart/form-data']);
    expect(upload.body).toMatch(
      /name="file"; filename="hello.txt"\r\nContent-Type: text\/plain\r\n\r\nhello\r\n/,
    );
    expect(seen.requests[3]).toStrictEqual({ url: '/attachments', type: '', body: '' });
    expect(seen.errors).toStrictEqual([
      'TelnyxError: The multipart body (`body`) must be a FormData.',
      'TelnyxError: form.create needs a request body: pass it as `body`.',
    ]);
  });
});

describe('file and text bodies, and bodies on GET', async () => {
  // chaingateway.io (APIs.guru): an optional text/plain body with no schema was typed required,
  // and a call without one threw before sending. Its GETs and Stripe's declare a body too, which
  // fetch refuses to send with GET, even empty: every such call failed as a connection error.
  const spec = `openapi: 3.0.3
info: {title: Raw bodies, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /notes:
    post:
      operationId: addNote
      requestBody: {content: {text/plain: {example: ""}}}
      responses: {"204": {description: done}}
  /files:
    put:
      operationId: putFile
      parameters: [{name: name, in: query, schema: {type: string}}]
      requestBody:
        required: true
        content: {application/octet-stream: {schema: {type: string, format: binary}}}
      responses: {"204": {description: done}}
  /customers:
    get:
      operationId: GetCustomers
      parameters: [{name: limit, in: query, schema: {type: integer}}]
      requestBody:
        content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {}, additionalProperties: false}}}
      responses: {"204": {description: done}}
  /blocks/{block}:
    get:
      operationId: getBlock
      parameters: [{name: block, in: path, required: true, schema: {type: string}}]
      requestBody: {required: true, content: {text/plain: {example: ""}}}
      responses: {"204": {description: done}}
`;
  const { result, out } = await generatePackage(spec, 'raw.yaml');

  it('are optional unless the spec requires them; a GET body is left out, with a warning', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(
      result.diagnostics.filter((d) => d.code === 'body-on-get').map((d) => [d.pointer, d.line, d.message]),
    ).toStrictEqual([
      [
        '#/paths/~1customers/get/requestBody',
        22,
        'fetch cannot send a body with GET: this request body is left out',
      ],
      [
        '#/paths/~1blocks~1{block}/get/requestBody',
        29,
        'fetch cannot send a body with GET: this request body is left out, though the spec requires it',
      ],
    ]);
    writeFileSync(
      join(out, 'src/usage.ts'),
      `import { WholeSpecClient } from './index.js';
       const client = new WholeSpecClient({ apiKey: 'k' });
       void client.notes.create();
       void client.notes.create({ body: 'text' });
       void client.files.update({ body: new Uint8Array([1]), name: 'a' });
       void client.customers.list({ limit: 3 });
       void client.blocks.retrieve('7');
       // @ts-expect-error the file is required
       void client.files.update({ name: 'a' });
      `,
    );
    expect(typecheck(out).output).toBe('');
  });

  it('send no body when none is given, and refuse a missing required one before sending', () => {
    const seen = runAgainst(
      out,
      `${recordingServer("{ method: req.method, url: req.url, type: req.headers['content-type'] ?? null, body: text }")}
       const refused = async (call) => { try { await call(); return 'sent'; } catch (e) { return e.constructor.name + ': ' + e.message; } };
       await client.notes.create();
       await client.notes.create({ body: 'text' });
       await client.files.update({ body: new Uint8Array([104, 105]), name: 'a' });
       await client.customers.list({ limit: 3 });
       await client.customers.list();
       await client.blocks.retrieve('7');
       const errors = [
         await refused(() => client.files.update({ name: 'a' })),
         await refused(() => client.notes.create({ body: 'text', extra: 1 })),
       ];
       server.close();
       console.log(JSON.stringify({ requests, errors }));`,
    );
    expect(seen).toStrictEqual({
      requests: [
        { method: 'POST', url: '/notes', type: null, body: '' },
        { method: 'POST', url: '/notes', type: 'text/plain', body: 'text' },
        { method: 'PUT', url: '/files?name=a', type: 'application/octet-stream', body: 'hi' },
        { method: 'GET', url: '/customers?limit=3', type: null, body: '' },
        { method: 'GET', url: '/customers', type: null, body: '' },
        { method: 'GET', url: '/blocks/7', type: null, body: '' },
      ],
      errors: [
        'TelnyxError: files.update needs a request body: pass it as `body`.',
        'TelnyxError: notes.create takes no parameter named "extra".',
      ],
    });
  });
});

describe('names shared by a parameter and a body field, or by two parameters', () => {
  // clever-cloud.com (APIs.guru): query `terms` and body field `terms`, a string and a boolean.
  // mercure.local: `Last-Event-ID` as a query parameter and as a header. Both packages exited 0
  // and did not compile: one params object cannot hold two values under one key.
  const spec = `openapi: 3.0.3
info: {title: Clashes, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /users:
    post:
      operationId: createUser
      parameters: [{name: terms, in: query, schema: {type: string}}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [email], properties: {email: {type: string}, terms: {type: boolean}}}
      responses: {"204": {description: done}}
  /events:
    get:
      operationId: listEvents
      parameters:
        - {name: Last-Event-ID, in: query, schema: {type: string}}
        - {name: Last-Event-ID, in: header, schema: {type: string}}
      responses: {"204": {description: done}}
  /forms:
    post:
      operationId: sendForm
      parameters: [{name: lang, in: query, schema: {type: string}}]
      requestBody:
        content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {lang: {type: string}}}}}
      responses: {"204": {description: done}}
`;
  const naming = readFileSync(join(ROOT, 'test/whole-spec/naming.yaml'), 'utf8');

  it('send a clashing JSON body whole and leave the later parameter out, with warnings; a form body is an error', async () => {
    const refused = await generateFromText(spec, 'clashes.yaml', naming);
    expect(refused.files).toStrictEqual([]);
    const brief = (code: string) =>
      refused.diagnostics.filter((d) => d.code === code).map((d) => [d.severity, d.pointer, d.line]);
    expect(brief('body-field-clash')).toStrictEqual([
      ['warning', '#/paths/~1users/post/requestBody/content/application~1json', 12],
      ['error', '#/paths/~1forms/post/requestBody/content/application~1x-www-form-urlencoded', 27],
    ]);
    expect(brief('parameter-name-taken')).toStrictEqual([['warning', '#/paths/~1events/get/parameters/1', 20]]);

    const result = await generateFromText(spec.replace(/ {2}\/forms:[^]*$/, ''), 'clashes.yaml', naming);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    const out = tempDir('clashes');
    writeFiles(out, result.files);
    expect(typecheck(out).output).toBe('');
    const seen = runAgainst(
      out,
      `${recordingServer("{ url: req.url, lastEventId: req.headers['last-event-id'] ?? null, body: text }")}
       await client.users.create({ terms: 'v2', body: { email: 'a@b.c', terms: true } });
       await client.events.list({ 'Last-Event-ID': '7' }, { headers: { 'Last-Event-ID': '8' } });
       server.close();
       console.log(JSON.stringify(requests));`,
    );
    expect(seen).toStrictEqual([
      { url: '/users?terms=v2', lastEventId: null, body: '{"email":"a@b.c","terms":true}' },
      { url: '/events?Last-Event-ID=7', lastEventId: '8', body: '' },
    ]);
  });
});
