/**
 * Security schemes, generated from a spec and checked by Prism: a package generated from a small
 * spec with a bearer token, HTTP basic, API keys in a header, the query and a cookie, OAuth 2, a
 * pair of keys, optional and no security, and an HTTP digest scheme the client cannot apply.
 * Prism serves the same spec and validates each request's credentials (401 when they do not
 * satisfy the operation), so a 200 means the client carried exactly what the spec asks for.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgainst, typecheck } from '../helpers/generate.ts';
import { servedPackage } from './helpers/served-package.ts';

const OK = `responses: {"200": {description: ok, content: {application/json: {schema: {type: object}, example: {}}}}}`;
const SPEC = `openapi: 3.0.3
info: {title: Keys, version: "1"}
servers: [{url: "https://api.example.com"}]
security: [{headerKey: []}]
paths:
  /inherited: {get: {operationId: inherited, ${OK}}}
  /public: {get: {operationId: public, security: [], ${OK}}}
  /query: {get: {operationId: byQuery, security: [{queryKey: []}], ${OK}}}
  /cookie: {get: {operationId: byCookie, security: [{cookieKey: []}], ${OK}}}
  /basic: {get: {operationId: byBasic, security: [{login: []}], ${OK}}}
  /oauth: {get: {operationId: byOauth, security: [{oauth: [read]}], ${OK}}}
  /pair: {get: {operationId: byPair, security: [{headerKey: [], appId: []}], ${OK}}}
  /optional: {get: {operationId: optional, security: [{}, {token: []}], ${OK}}}
  /digest: {get: {operationId: byDigest, security: [{digest: []}], ${OK}}}
components:
  securitySchemes:
    headerKey: {type: apiKey, in: header, name: X-API-Key}
    appId: {type: apiKey, in: header, name: X-App-Id}
    queryKey: {type: apiKey, in: query, name: api_key}
    cookieKey: {type: apiKey, in: cookie, name: session}
    login: {type: http, scheme: basic}
    token: {type: http, scheme: bearer}
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: "https://api.example.com/token", scopes: {read: reads}}}
    digest: {type: http, scheme: digest}
`;

const NAMING = `package:
  name: keys
  version: 0.0.0
  description: Security schemes.
  clientClass: Keys
  apiKeyEnv: KEYS_API_KEY
  publicKeyEnv: KEYS_PUBLIC_KEY
`;

describe('security schemes', async () => {
  const served = await servedPackage('security', SPEC, NAMING);
  const { result, out } = served;

  it('are read into the model; a scheme the client cannot apply is a located warning', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    const warning = result.diagnostics.find((d) => d.code === 'security-scheme-unsupported');
    expect(warning).toMatchObject({
      pointer: '#/components/securitySchemes/digest',
      line: expect.any(Number),
    });
    const model = result.model!;
    expect(model.security).toStrictEqual([['headerKey']]);
    expect(model.authSchemes.digest).toBeUndefined();
    const own = Object.fromEntries(model.operations.map((op) => [op.operationId, op.security]));
    expect(own).toStrictEqual({
      inherited: undefined,
      public: [],
      byQuery: [['queryKey']],
      byCookie: [['cookieKey']],
      byBasic: [['login']],
      byOauth: [['oauth']],
      byPair: [['headerKey', 'appId']],
      optional: [[], ['token']],
      byDigest: [],
    });
  });

  it('type `credentials` by the names of the schemes', () => {
    writeFileSync(
      join(out, 'src/usage.ts'),
      `import { KeysClient } from './index.js';
       new KeysClient({ apiKey: 'k', credentials: { appId: 'a', login: 'u:p' } });
       // @ts-expect-error no scheme of that name (digest is not one the client applies)
       new KeysClient({ credentials: { digest: 'x' } });
      `,
    );
    expect(typecheck(out).output).toBe('');
  });

  it('put on each request what Prism asks for, and nothing where nothing is needed', () => {
    const seen = runAgainst(
      out,
      `const baseURL = ${JSON.stringify(served.prism.baseURL)};
       const options = { baseURL, maxRetries: 0 };
       // One key for every scheme ('user:secret' is also a valid basic credential), the app id apart.
       const client = new pkg.KeysClient({ ...options, apiKey: 'user:secret', credentials: { appId: 'app-1' } });
       const anonymous = new pkg.KeysClient(options);
       const outcome = async (call) => {
         try {
           const { response } = await call().withResponse();
           return response.headers.get('sl-violations') ? 'violations' : response.status;
         } catch (e) {
           return e.status === undefined ? e.constructor.name : e.status;
         }
       };
       const paths = ['inherited', 'public', 'query', 'cookie', 'basic', 'oauth', 'pair', 'optional', 'digest'];
       const rows = {};
       for (const path of paths)
         rows[path] = [await outcome(() => client[path].list()), await outcome(() => anonymous[path].list())];
       // Prism does check: without the app id, the pair is refused.
       const half = new pkg.KeysClient({ ...options, apiKey: 'k', defaultHeaders: { 'X-App-Id': '' } });
       rows.halfPair = await outcome(() => half.pair.list());
       console.log(JSON.stringify(rows));`,
    );
    expect(seen).toStrictEqual({
      inherited: [200, 'TelnyxError'],
      public: [200, 200],
      query: [200, 'TelnyxError'],
      cookie: [200, 'TelnyxError'],
      basic: [200, 'TelnyxError'],
      oauth: [200, 'TelnyxError'],
      pair: [200, 'TelnyxError'],
      // Optional credentials: sent when there is a key, and Prism takes the request either way.
      optional: [200, 200],
      // The digest scheme is left to the caller: Prism refuses the request that lacks it.
      digest: [401, 401],
      halfPair: 401,
    });
  });
});
