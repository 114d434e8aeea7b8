/**
 * The view of the package's README (`templates/README.md.hbs`), its user guide: each resource
 * with a table of its methods and one example per method, written for what the method returns
 * (a JSON result, pages, a streamed download, nothing); the webhook events with the methods that
 * trigger them; and every schema type with its guards and value lists. Values in examples are the
 * spec's own examples where it has them. The fixed prose lives in the template.
 */
import { compareStrings } from '../../core/names.js';
import type { GuardScope } from '../../ir/naming-config.js';
import { resourceSymbols, type Symbols, symbolsOf } from '../../ir/symbols.js';
import type { Model, Operation, SchemaNode } from '../../ir/types.js';
import { enumSites } from '../enum-values.js';
import { guardedSchemas } from '../guards/scope.js';
import { stringLiteral } from '../escape.js';
import { callCode, contentTypeCall, FILE_EXPRESSION, paramsExample } from './readme-examples.js';

/** The imports that examples using a file or a download need. */
const FILE_IMPORT = "import { openAsBlob } from 'node:fs';";
const STREAM_IMPORTS = [
  "import { createWriteStream } from 'node:fs';",
  "import { Readable } from 'node:stream';",
  "import { pipeline } from 'node:stream/promises';",
  "import type { ReadableStream as NodeReadableStream } from 'node:stream/web';",
];
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function readmeView(model: Model, guards: GuardScope = 'all') {
  const symbols = symbolsOf(model);
  const guarded = guardedSchemas(model, guards);
  // Every `data.event_type` value routed to a type; a webhook with several has a row with all.
  const typedEvents = new Set(model.webhooks.flatMap((w) => w.routes));
  const methods = model.operations.map((op) => methodView(op, symbols, typedEvents));
  const resourcePaths = [...new Set(model.operations.map((op) => op.resource))];
  const list = model.operations.find((op) => op.pagination);
  // The params example: the first operation with a query (or header, cookie) value to show.
  const withParams = model.operations.find((op) => op.params.length > 0 && paramsExample(op, symbols, true));
  const severalBodies = model.operations.find((op) => (op.body?.variants.length ?? 0) > 1);
  const first = model.operations[0];
  return {
    resources: resourcePaths.map((path) => {
      const rows = methods.filter((m) => m.resource === path);
      return {
        path,
        className: resourceSymbols(path).className,
        methods: rows,
        hasWebhooks: rows.some((m) => m.webhooks),
      };
    }),
    resourceClasses: allResourcePaths(model).map((path) => ({
      path,
      className: resourceSymbols(path).className,
    })),
    firstCall: first ? callCode(first, symbols) : '',
    optionsCall: first ? callCode(first, symbols, '{ timeout: 10_000, maxRetries: 0 }') : '',
    listCall: list ? callCode(list, symbols) : '',
    paramsCall: withParams ? callCode(withParams, symbols) : '',
    paramsType: withParams?.paramsSchemaName ? symbols.schema(withParams.paramsSchemaName).type : '',
    contentTypeCall: severalBodies ? contentTypeCall(severalBodies, symbols) : '',
    idempotencyField: model.operations.find((op) => op.idempotencyField)?.idempotencyField ?? '',
    events: model.webhooks.map((w) => ({
      eventTypes: codeList(w.routes.length ? w.routes : [w.eventType]),
      schemaType: symbols.schema(w.schemaName).type,
      triggeredBy: codeList(methods.filter((m) => m.expects.some((e) => w.routes.includes(e))).map((m) => m.call)),
    })),
    firstEvent: eventExample(model, symbols),
    valuesExample: valuesExample(model, symbols),
    allGuarded: guarded.size === model.schemas.length,
    types: model.schemas.map((s) => {
      const { type, is, validate, assert } = symbols.schema(s.name);
      return {
        type,
        guards: guarded.has(s.name) ? codeList([is, validate, assert]) : '',
        values: codeList(enumSites(s).map((e) => e.name)),
      };
    }),
  };
}

function methodView(op: Operation, symbols: Symbols, typedEvents: ReadonlySet<string>) {
  // An event the package has no type for still arrives, as an `UnknownWebhookEvent`.
  const webhooks = op.expectedWebhooks.map((e) => `\`${e}\`${typedEvents.has(e) ? '' : ' (untyped)'}`);
  return {
    resource: op.resource,
    call: `client.${op.resource}.${op.methodName}()`,
    http: `${op.httpMethod.toUpperCase()} ${op.path}`,
    summary: op.docs.summary ?? op.operationId,
    returns: returnsText(op, symbols),
    expects: op.expectedWebhooks,
    webhooks: webhooks.join(', '),
    example: exampleCode(op, symbols),
  };
}

/** Every resource path and each prefix of it (`calls` holds `calls.actions`), as the client has them. */
function allResourcePaths(model: Model): string[] {
  const paths = new Set<string>();
  for (const op of model.operations) {
    const segments = op.resource.split('.');
    segments.forEach((_, i) => paths.add(segments.slice(0, i + 1).join('.')));
  }
  return [...paths].sort(compareStrings);
}

function returnsText(op: Operation, symbols: Symbols): string {
  const body = op.responseSchemaName ? `\`${symbols.schema(op.responseSchemaName).type}\`` : 'JSON';
  if (op.pagination) return `pages of ${body}`;
  if (op.response.kind === 'binary') return '`Response`, body unread';
  if (op.response.kind === 'empty') return 'nothing (`undefined`)';
  if (op.response.kind === 'text') return '`string`';
  return op.response.mayBeEmpty ? `${body} or \`undefined\`` : body;
}

/** A whole example for one method, imports first, shaped by what the method returns. */
function exampleCode(op: Operation, symbols: Symbols): string {
  const call = callCode(op, symbols);
  const imports = call.includes(FILE_EXPRESSION) ? [FILE_IMPORT] : [];
  const lines = (...code: string[]) => [...imports, ...(imports.length ? [''] : []), ...code].join('\n');
  if (op.pagination)
    return lines(
      `const page = await ${call}; // the first page`,
      'console.log(page.data.length, page.hasNextPage());',
      '',
      `for await (const item of ${call}) {`,
      '  console.log(item); // every item of every page, fetched as the loop goes',
      '}',
    );
  if (op.response.kind === 'binary') {
    imports.push(...STREAM_IMPORTS);
    return lines(
      `const response = await ${call}; // the body is not read yet`,
      // Node types the body as its own web stream class, the DOM lib as the global one: the same object.
      "await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), createWriteStream('download.bin'));",
    );
  }
  if (op.response.kind === 'empty') return lines(`await ${call}; // resolves to undefined`);
  if (op.response.kind === 'text') return lines(`const text = await ${call}; // a string`);
  const type = op.responseSchemaName ? symbols.schema(op.responseSchemaName) : undefined;
  const path = type ? accessPath(type.schema.schema, symbols) : [];
  return lines(
    `const res = await ${call};${type ? ` // ${type.type}` : ''}`,
    `console.log(res${path.map((p, i) => (IDENTIFIER.test(p) ? `${i ? '?.' : '.'}${p}` : `${i ? '?.' : ''}[${stringLiteral(p)}]`)).join('')});`,
  );
}

/** Where a JSON result's interesting value is: `data.result`, `data.id`, or the first field. */
function accessPath(node: SchemaNode, symbols: Symbols, depth = 0): string[] {
  const target = node.kind === 'ref' ? symbols.schema(node.schemaName).schema.schema : node;
  if (target.kind !== 'object' || depth > 1 || target.properties.length === 0) return [];
  const names = target.properties.map((p) => p.name);
  const name = ['data', 'result', 'id', 'status'].find((n) => names.includes(n)) ?? names[0]!;
  const next = target.properties.find((p) => p.name === name)!;
  return [name, ...accessPath(next.schema, symbols, depth + 1)];
}

/** The first webhook event, for the handler and guard examples. */
function eventExample(model: Model, symbols: Symbols) {
  const w = model.webhooks[0];
  if (!w) return { eventType: '', type: '', is: '', validate: '', assert: '' };
  const { type, is, validate, assert } = symbols.schema(w.schemaName);
  return { eventType: stringLiteral(w.eventType), type, is, validate, assert };
}

/** An exported value list from the first request body that has one. */
function valuesExample(model: Model, symbols: Symbols) {
  for (const op of model.operations) {
    const name = op.body?.schemaName;
    const site = name ? enumSites(symbols.schema(name).schema)[0] : undefined;
    if (name && site) return { name: site.name, type: symbols.schema(name).type, field: site.path.join('.') };
  }
  return { name: '', type: '', field: '' };
}

function codeList(names: string[]): string {
  return names.map((n) => `\`${n}\``).join(', ');
}
