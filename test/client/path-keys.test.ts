/**
 * Path keys that hold more than a path, as converted specs write them (APIs.guru: 328 specs with
 * a `#`, 11 with a `?`). AWS tells apart operations on one path by a fragment (`/#Action=…`,
 * `/#X-Amz-Target=…`); Flickr and ClickSend write a query string into the key. The client used to
 * append its query string after the key as written: after a fragment, fetch dropped both, so an
 * AWS query-protocol call reached the server with none of its parameters; after a `?`, it wrote a
 * second `?`, which made Flickr's `method` swallow the rest. A package generated from a small spec,
 * called in a fresh process against a real server on 127.0.0.1 that records the URLs it receives.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePackage, recordingServer, runAgainst, typecheck } from '../helpers/generate.ts';

const SPEC = `openapi: 3.0.3
info: {title: Path keys, version: "1"}
servers: [{url: "https://api.example.com"}]
components:
  securitySchemes:
    key: {type: apiKey, in: query, name: api_key}
paths:
  /#Action=SendMessage:
    get:
      operationId: GET_SendMessage
      parameters:
        - {name: Action, in: query, required: true, schema: {type: string, enum: [SendMessage]}}
        - {name: MessageBody, in: query, required: true, schema: {type: string}}
      responses: {"204": {description: sent}}
  /{Account}/{Queue}/#Action=ReceiveMessage:
    get:
      operationId: GET_ReceiveMessage
      parameters:
        - {name: Account, in: path, required: true, schema: {type: string}}
        - {name: Queue, in: path, required: true, schema: {type: string}}
        - {name: MaxNumberOfMessages, in: query, schema: {type: integer}}
      responses: {"204": {description: received}}
  /#X-Amz-Target=DynamoDB_20120810.GetItem:
    post:
      operationId: GetItem
      parameters:
        - {name: X-Amz-Target, in: header, required: true, schema: {type: string, enum: [DynamoDB_20120810.GetItem]}}
      requestBody:
        required: true
        content: {application/json: {schema: {type: object, properties: {TableName: {type: string}}}}}
      responses: {"204": {description: got}}
  /rest?method=flickr.photos.getInfo:
    get:
      operationId: getInfo
      security: [{key: []}]
      parameters:
        - {name: photo_id, in: query, required: true, schema: {type: string}}
        - {name: lang, in: query, schema: {type: string}}
      responses: {"204": {description: info}}
  /pricing/{country}?currency={currency}:
    get:
      operationId: getPricing
      parameters:
        - {name: country, in: path, required: true, schema: {type: string}}
        - {name: currency, in: path, required: true, schema: {type: string}}
      responses: {"204": {description: prices}}
  /search/articles?query={query}:
    get:
      operationId: searchArticles
      parameters:
        - {name: query, in: query, required: true, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}}
      responses: {"204": {description: articles}}
  /annotations/{accId}/{includeChildren}:
    get:
      operationId: getAnnotations
      parameters:
        - {name: accId, in: path, required: true, schema: {type: string}}
        - {name: includeChildren, in: path, required: true, schema: {type: boolean}}
      responses: {"204": {description: annotations}}
  /send/#env/v1/partners/{partnerId}/transfers:
    get:
      operationId: listTransfers
      parameters:
        - {name: partnerId, in: path, required: true, schema: {type: string}}
      responses: {"204": {description: transfers}}
  /uploads?convert={convert}:
    post:
      operationId: upload
      responses: {"204": {description: uploaded}}
`;

describe('path keys with a fragment or a query string', async () => {
  const { result, out } = await generatePackage(SPEC, 'path-keys.yaml');

  it('generate with one warning per path key, saying what is sent, and type-check', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    const warnings = result.diagnostics
      .filter((d) => d.code.startsWith('path-'))
      .map((d) => [d.code, d.pointer, d.line, d.message]);
    expect(warnings).toStrictEqual([
      [
        'path-query-parameter',
        '#/paths/~1search~1articles?query={query}/get/parameters',
        50,
        "`query={query}` in the path's query string is the query parameter of that name; sent as that parameter",
      ],
      [
        'path-query-undeclared',
        '#/paths/~1uploads?convert={convert}/post/parameters',
        68,
        "`convert={convert}` in the path's query string names no parameter, so has no value; left out of the path",
      ],
      [
        'path-fragment',
        '#/paths/~1#Action=SendMessage',
        8,
        'the fragment #Action=SendMessage is not sent, as HTTP never sends one: the request goes to /',
      ],
      [
        'path-fragment',
        '#/paths/~1{Account}~1{Queue}~1#Action=ReceiveMessage',
        15,
        'the fragment #Action=ReceiveMessage is not sent, as HTTP never sends one: the request goes to /{Account}/{Queue}/',
      ],
      [
        'path-fragment',
        '#/paths/~1#X-Amz-Target=DynamoDB_20120810.GetItem',
        23,
        'the fragment #X-Amz-Target=DynamoDB_20120810.GetItem is not sent, as HTTP never sends one: the request goes to /',
      ],
      [
        'path-query',
        '#/paths/~1rest?method=flickr.photos.getInfo',
        32,
        "the query string in the path /rest?method=flickr.photos.getInfo is sent as written, and the operation's query parameters follow it",
      ],
      [
        'path-query',
        '#/paths/~1pricing~1{country}?currency={currency}',
        40,
        "the query string in the path /pricing/{country}?currency={currency} is sent as written, and the operation's query parameters follow it",
      ],
      [
        'path-fragment',
        '#/paths/~1send~1#env~1v1~1partners~1{partnerId}~1transfers',
        61,
        'the path /send/#env/v1/partners/{partnerId}/transfers has a # inside it, not a fragment; it is sent as %23',
      ],
    ]);
    writeFileSync(
      join(out, 'src/usage.ts'),
      `import { WholeSpecClient } from './index.js';
       const client = new WholeSpecClient({ apiKey: 'k' });
       void client.annotations.retrieve('GO:1', false);
       // @ts-expect-error a boolean path parameter takes a boolean
       void client.annotations.retrieve('GO:1', 'false');
       void client.pricing.retrieve('NZ', 'NZD');
       void client.actionSendMessage.list({ MessageBody: 'm' });
       void client.actionSendMessage.list({ Action: 'SendMessage', MessageBody: 'm' });
       // @ts-expect-error the one value Action can take
       void client.actionSendMessage.list({ Action: 'Receive', MessageBody: 'm' });
       // @ts-expect-error MessageBody is still required
       void client.actionSendMessage.list({});
      `,
    );
    expect(typecheck(out).output).toBe('');
  });

  it('send each call to the path before the fragment, with the query after the one in the key', () => {
    const seen = runAgainst(
      out,
      `${recordingServer("{ method: req.method, url: req.url, target: req.headers['x-amz-target'] ?? null, body: text }")}
       // Action and X-Amz-Target can take one value each: the client fills them in.
       await client.actionSendMessage.list({ MessageBody: 'hello world' });
       await client.actionReceiveMessage.list('123456789012', 'queue 1', { MaxNumberOfMessages: 10 });
       await client.actionReceiveMessage.list('123456789012', 'queue1');
       await client.xAmzTargetDynamoDB20120810GetItem.create({ TableName: 'T' });
       await client.xAmzTargetDynamoDB20120810GetItem.create({ 'X-Amz-Target': 'DynamoDB_20120810.GetItem', TableName: 'U' });
       await client.rest.list({ photo_id: '7', lang: 'fr-CA' });
       await client.pricing.retrieve('NZ', 'A&B');
       await client.send.env.v1.partners.transfers.list('p/1');
       await client.annotations.retrieve('GO:1', true);
       await client.search.articles.list({ query: 'a b', limit: 2 });
       await client.uploads.create();
       server.close();
       console.log(JSON.stringify(requests));`,
    );
    const none = { target: null, body: '' };
    expect(seen).toStrictEqual([
      { method: 'GET', url: '/?Action=SendMessage&MessageBody=hello%20world', ...none },
      { method: 'GET', url: '/123456789012/queue%201/?MaxNumberOfMessages=10', ...none },
      { method: 'GET', url: '/123456789012/queue1/', ...none },
      { method: 'POST', url: '/', target: 'DynamoDB_20120810.GetItem', body: '{"TableName":"T"}' },
      { method: 'POST', url: '/', target: 'DynamoDB_20120810.GetItem', body: '{"TableName":"U"}' },
      // The API key (a query scheme) follows the operation's own parameters.
      { method: 'GET', url: '/rest?method=flickr.photos.getInfo&photo_id=7&lang=fr-CA&api_key=k', ...none },
      // A path parameter in the key's query string is encoded like any other.
      { method: 'GET', url: '/pricing/NZ?currency=A%26B', ...none },
      { method: 'GET', url: '/send/%23env/v1/partners/p%2F1/transfers', ...none },
      // A boolean path parameter is typed and sent as one (it was typed string).
      { method: 'GET', url: '/annotations/GO:1/true', ...none },
      // The key's \`query={query}\` is the query parameter, sent once.
      { method: 'GET', url: '/search/articles?query=a%20b&limit=2', ...none },
      { method: 'POST', url: '/uploads', ...none },
    ]);
  });
});
