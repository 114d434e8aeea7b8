/**
 * Top-level resources share the client class with `ClientCore`'s members: a spec with paths
 * `/validate` or `/post` (ReadMe's example specs have both) made `client.validate` a resource
 * that overrode the client's `validate` flag, and the output did not compile. Such a resource
 * takes a `_`; the list of members is held to the runtime's class here. Likewise a resource
 * class named like a name `index.ts` already exports or a global (`/page` made a second `Page`
 * beside the runtime's, in APIs.guru's britbox spec) takes `Resource`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project, Scope } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { CLIENT_MEMBERS } from '../../generator/ir/operation-names.ts';
import { generateFromText, ROOT, runAgainst, tempDir, typecheck, writeFiles } from '../helpers/generate.ts';

const SPEC = `openapi: 3.0.3
info: {title: Members, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /validate:
    post:
      operationId: validateThing
      requestBody: {content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}}
      responses: {"204": {description: done}}
  /post: {get: {operationId: getPost, responses: {"204": {description: done}}}}
  /timeout: {get: {operationId: getTimeout, responses: {"204": {description: done}}}}
  /webhooks: {get: {operationId: listWebhooks, responses: {"204": {description: done}}}}
  /calls/validate: {get: {operationId: validateCalls, responses: {"204": {description: done}}}}
  /page: {get: {operationId: getPage, responses: {"204": {description: done}}}}
  /headers: {get: {operationId: getHeaders, responses: {"204": {description: done}}}}
  /webhook_event: {get: {operationId: getWebhookEvent, responses: {"204": {description: done}}}}
`;

describe('top-level resources named like client members or runtime exports', async () => {
  const naming = readFileSync(join(ROOT, 'test/whole-spec/naming.yaml'), 'utf8');
  const result = await generateFromText(SPEC, 'members.yaml', naming);
  const out = tempDir('client-members');
  writeFiles(out, result.files);

  it('CLIENT_MEMBERS lists every non-private member ClientCore has, and the full client’s webhooks', () => {
    const project = new Project({ skipAddingFilesFromTsConfig: true });
    const core = project
      .addSourceFileAtPath(join(ROOT, 'runtime/client-core.ts'))
      .getClassOrThrow('ClientCore');
    const members = [...core.getProperties(), ...core.getMethods()]
      .filter((m) => m.getScope() !== Scope.Private && !m.getName().startsWith('#'))
      .map((m) => m.getName());
    const fullClient = readFileSync(join(ROOT, 'templates/full-client.ts.hbs'), 'utf8');
    const added = [...fullClient.matchAll(/^ {2}readonly (\w+):/gm)].map((m) => m[1]);
    expect([...CLIENT_MEMBERS].sort()).toStrictEqual([...members, ...added].sort());
  });

  it('take a `_`, with no error, and the output type-checks', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(typecheck(out).output).toBe('');
  });

  it('leave the client’s own members as they were, and reach their operations', () => {
    const seen = runAgainst(
      out,
      `const client = new pkg.WholeSpecClient({ apiKey: 'k', validate: false, timeout: 1234 });
       console.log(JSON.stringify({
         validate: client.validate,
         timeout: client.timeout,
         post: typeof client.post,
         resources: [typeof client.validate_.create, typeof client.post_.list, typeof client.timeout_.list],
         webhooksResource: typeof client.webhooks_.list,
         nested: typeof client.calls.validate.list,
         // Resource classes named like a runtime export, a global or a template's type.
         classes: [pkg.PageResource, pkg.HeadersResource, pkg.WebhookEventResource].map((c) => typeof c),
         page: [pkg.Page === pkg.PageResource, typeof client.page.list, typeof client.headers.list, typeof client.webhookEvent.list],
       }));`,
    );
    expect(seen).toStrictEqual({
      validate: false,
      timeout: 1234,
      post: 'function',
      resources: ['function', 'function', 'function'],
      webhooksResource: 'function',
      nested: 'function',
      classes: ['function', 'function', 'function'],
      page: [false, 'function', 'function', 'function'],
    });
  });
});
