/**
 * Media types on the wire, checked by Prism serving the spec.
 *
 * `Accept`, for operations whose JSON is not plain `application/json`: JSON:API's
 * `application/vnd.api+json`, a versioned type, a vendor type beside plain JSON, and plain JSON
 * with a charset. Prism negotiates strictly, as such servers do: it answers 406 to an `Accept`
 * the operation cannot serve. The client used to send `application/json` everywhere
 * (amadeus.com's spec, among 66 of APIs.guru's, got 406 for every call).
 *
 * `Content-Type`, for bodies the spec gives under a media type range: ASP.NET's
 * `application/*+json` beside `application/json`, and converted Swagger 2 specs' `*\/*` over a
 * JSON schema, a string or a file. The client sent the range itself as the content type (36 of
 * APIs.guru's specs, 721 operations).
 */
import { describe, expect, it } from 'vitest';
import { runAgainst } from '../helpers/generate.ts';
import { servedPackage } from './helpers/served-package.ts';

const served = (...types: string[]) =>
  `responses: {"200": {description: ok, content: {${types.map((t) => `"${t}": {schema: {type: object}, example: {}}`).join(', ')}}}}`;
const sent = (...types: string[]) =>
  types
    .map((t) => `"${t}": {schema: {type: object, required: [name], properties: {name: {type: string}}}}`)
    .join(', ');
const SPEC = `openapi: 3.0.3
info: {title: Media types, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /jsonapi: {get: {operationId: jsonApi, ${served('application/vnd.api+json')}}}
  /versioned: {get: {operationId: versioned, ${served('application/json;version=2')}}}
  /either: {get: {operationId: either, ${served('application/hal+json', 'application/json')}}}
  /plain: {get: {operationId: plain, ${served('application/json; charset=utf-8')}}}
  /aspnet: {post: {operationId: aspnet, requestBody: {content: {${sent('application/*+json', 'text/json', 'application/json')}}}, ${served('application/json')}}}
  /anything: {post: {operationId: anything, requestBody: {content: {${sent('*/*')}}}, ${served('application/json')}}}
  /note: {post: {operationId: note, requestBody: {content: {"*/*": {schema: {type: string}}}}, ${served('application/json')}}}
  /file: {post: {operationId: file, requestBody: {content: {"*/*": {schema: {type: string, format: binary}}}}, ${served('application/json')}}}
  /picture: {post: {operationId: picture, requestBody: {content: {"image/*": {}, "image/png": {}, "*/*": {}}}, ${served('application/json')}}}
`;
const NAMING = `package: {name: media-types, version: 0.0.0, description: Media types., clientClass: Types, apiKeyEnv: TYPES_KEY, publicKeyEnv: TYPES_PUBLIC_KEY}\n`;

describe('media types', async () => {
  const served = await servedPackage('media-types', SPEC, NAMING);
  const { result, out } = served;

  it('Accept names the media types the spec serves, unless they are plain JSON', () => {
    const accept = Object.fromEntries(
      result.model!.operations.map((op) => [op.operationId, op.response.accept]),
    );
    expect(accept).toMatchObject({
      jsonApi: 'application/vnd.api+json',
      versioned: 'application/json;version=2',
      either: 'application/hal+json, application/json',
      plain: undefined,
    });
  });

  it('Accept is what a strictly negotiating server takes, where application/json is refused', () => {
    const seen = runAgainst(
      out,
      `const baseURL = ${JSON.stringify(served.prism.baseURL)};
       const client = new pkg.TypesClient({ baseURL, maxRetries: 0 });
       const status = (call) => call().withResponse().then(({ response }) => response.status, (e) => e.status ?? String(e));
       const rows = {};
       for (const path of ['jsonapi', 'versioned', 'either', 'plain']) {
         const plainJson = await fetch(baseURL + '/' + path, { headers: { accept: 'application/json' } });
         rows[path] = [await status(() => client[path].list()), plainJson.status];
       }
       console.log(JSON.stringify(rows));`,
    );
    // Prism compares type and subtype only, so it takes plain JSON for the versioned type too; a
    // server that serves versions by a media type parameter would not.
    expect(seen).toStrictEqual({
      jsonapi: [200, 406],
      versioned: [200, 200],
      either: [200, 200],
      plain: [200, 200],
    });
  });

  it('Content-Type is one concrete type for a range, chosen by the schema', () => {
    const sent = Object.fromEntries(
      result
        .model!.operations.filter((op) => op.body)
        .map((op) => [op.operationId, op.body!.variants.map((v) => [v.contentType, v.kind])]),
    );
    expect(sent).toStrictEqual({
      aspnet: [['application/json', 'json']],
      anything: [['application/json', 'json']],
      note: [['text/plain', 'text']],
      file: [['application/octet-stream', 'binary']],
      // Two ranges that both go out as the fallback are one content type.
      picture: [
        ['application/octet-stream', 'binary'],
        ['image/png', 'binary'],
      ],
    });
  });

  it('Content-Type is one the server takes for the body', () => {
    const seen = runAgainst(
      out,
      `const client = new pkg.TypesClient({ baseURL: ${JSON.stringify(served.prism.baseURL)}, maxRetries: 0 });
       const outcome = (call) => call().withResponse().then(
         ({ response }) => (response.headers.get('sl-violations') ? 'violations' : response.status),
         (e) => e.status ?? String(e),
       );
       console.log(JSON.stringify([
         await outcome(() => client.aspnet.create({ name: 'a' })),
         await outcome(() => client.anything.create({ name: 'a' })),
         await outcome(() => client.note.create({ body: 'hello' })),
         await outcome(() => client.file.create({ body: new Uint8Array([1, 2]) })),
       ]));`,
    );
    expect(seen).toStrictEqual([200, 200, 200, 200]);
  });
});
