/**
 * The files that make `generated/` a package and its entry points, each rendered from one
 * template with a precomputed view.
 */
import { isObject } from '../../core/json.js';
import type { NamingConfig } from '../../ir/naming-config.js';
import { type Symbols, symbolsOf } from '../../ir/symbols.js';
import type { AuthScheme, Model, NamedSchema, Operation } from '../../ir/types.js';
import { jsonLiteral, propertyKey, stringLiteral } from '../escape.js';
import type { GeneratedFile } from '../file.js';
import type { Render } from './render.js';
import { readmeView } from './readme.js';
import { pathArgExample, pathArgType } from './path-args.js';
import { objectLiteral, resourceViews, rootResources, securityLiteral } from './resources.js';
import { webhookView } from './webhooks.js';

export function emitPackageFiles(model: Model, naming: NamingConfig, render: Render): GeneratedFile[] {
  const pkg = naming.package;
  // Under `guards: none` nothing is checked before sending or on receipt; the README says so.
  const checks = naming.guards !== 'none';
  const resources = resourceViews(model, checks);
  const symbols = symbolsOf(model);
  const methods = model.operations.map((op) => methodSummary(op, symbols));
  const webhooks = webhookView(model, symbols, checks);
  const common = {
    packageName: pkg.name,
    packageVersion: pkg.version,
    description: pkg.description,
    clientClass: pkg.clientClass,
    // The client without `webhooks` (src/client.ts), which the full client extends.
    requestClientClass: `${pkg.clientClass}Client`,
    apiKeyEnv: pkg.apiKeyEnv,
    baseURL: model.baseURL,
    publicKeyEnv: pkg.publicKeyEnv,
    apiTitle: model.title,
    apiVersion: model.version,
    specFile: model.specFile,
    specHash: model.specHash,
    checks,
    openapiTypes: naming.openapiTypes !== false,
    ...authView(model),
  };
  const clientExample = methods[0]?.example ?? '';
  // The first top-level resource shows how one resource class is used alone.
  const resourceExample = rootResources(resources)[0] ?? { property: 'resource', className: 'Resource' };
  return [
    { path: 'package.json', content: render('package.json.hbs', common) },
    { path: 'tsconfig.json', content: render('tsconfig.json.hbs', common) },
    // Written as the template lays it out: prettier would pad every table to its widest cell,
    // which for a whole spec turns 1.2 MB of README into 19 MB and most of a run's memory.
    { path: 'README.md', content: render('README.md.hbs', { ...common, ...readmeView(model, naming.guards), resourceExample }), preformatted: true },
    { path: 'src/index.ts', content: render('index.ts.hbs', { ...common, resources }) },
    {
      path: 'src/client.ts',
      content: render('client.ts.hbs', {
        ...common,
        children: rootResources(resources),
        resourceExample,
        example: clientExample,
      }),
    },
    { path: 'src/full-client.ts', content: render('full-client.ts.hbs', { ...common, example: clientExample }) },
    { path: 'src/webhooks.ts', content: render('webhooks.ts.hbs', { ...common, ...webhooks }) },
    { path: 'src/testing.ts', content: render('testing.ts.hbs', common) },
    ...resources.map((view) => ({
      path: `src/resources/${view.file}.ts`,
      content: render('resource.ts.hbs', view),
    })),
  ];
}

/** What `src/client.ts` says about credentials: the schemes, the document's security, its docs. */
function authView(model: Model) {
  const names = Object.keys(model.authSchemes);
  const schemes = names.map((name) => `${propertyKey(name)}: ${objectLiteral(model.authSchemes[name]!)}`);
  return {
    authSchemes: `{ ${schemes.join(', ')} }`,
    security: securityLiteral(model.security),
    schemeNames: names.length ? names.map(stringLiteral).join(' | ') : 'never',
    schemeDocs: names.map((name) => ({ name, how: howSent(model.authSchemes[name]!) })),
    // Whether some request cannot go out without a credential.
    needsKey: model.operations.some((op) => {
      const requirements = op.security ?? model.security;
      return requirements.length > 0 && requirements.every((names) => names.length > 0);
    }),
  };
}

/** For the README: where a scheme's credential goes on the request. */
function howSent(scheme: AuthScheme): string {
  if (scheme.type !== 'apiKey')
    return scheme.type === 'bearer'
      ? '`Authorization: Bearer <credential>`'
      : '`Authorization: Basic <base64 of the credential>`, given as `user:password`';
  return `the credential as it is, in the ${scheme.in === 'query' ? 'query parameter' : scheme.in} \`${scheme.name}\``;
}

/**
 * The package's changelog, copied as written: its source is `spec/CHANGELOG.md` (which
 * `spec:update` extends), since anything written only into `generated/` is removed by the next
 * run. No changelog given, no file.
 */
export function changelogFile(text: string | undefined): GeneratedFile[] {
  return text === undefined ? [] : [{ path: 'CHANGELOG.md', content: text, preformatted: true }];
}

/** One README row and example call per operation, with the spec's own example values. */
function methodSummary(op: Operation, symbols: Symbols) {
  // A string path argument shows a call control id; any other, a value of its own type.
  const args = op.pathParams.map((p) =>
    pathArgType(p, symbols) === 'string' ? stringLiteral('v3:550e8400-e29b-41d4-a716-446655440000') : pathArgExample(p, symbols),
  );
  const params = exampleParams(op.body?.schemaName ? symbols.schema(op.body.schemaName).schema : undefined);
  if (params) args.push(params);
  return {
    call: `${op.resource}.${op.methodName}()`,
    http: `${op.httpMethod.toUpperCase()} ${op.path}`,
    summary: op.docs.summary ?? op.operationId,
    example: `${op.resource}.${op.methodName}(${args.join(', ')})`,
  };
}

/** The required fields, with the values of the schema's example (or each field's own example). */
function exampleParams(named: NamedSchema | undefined): string | undefined {
  if (named?.schema.kind !== 'object') return undefined;
  // An object's example may be anything a spec writes there, such as its JSON as a string.
  const example = named.schema.docs.example;
  const whole = isObject(example) ? example : {};
  const chosen = named.schema.properties.filter((p) => p.required);
  const fields = (chosen.length ? chosen : named.schema.properties.filter((p) => Object.hasOwn(whole, p.name)).slice(0, 1))
    .map((p) => [p.name, Object.hasOwn(whole, p.name) ? whole[p.name] : p.schema.docs.example] as const)
    .filter(([, value]) => value !== undefined);
  if (fields.length === 0) return undefined;
  return `{ ${fields.map(([k, v]) => `${propertyKey(k)}: ${jsonLiteral(v)}`).join(', ')} }`;
}
