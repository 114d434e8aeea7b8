/**
 * Builds the intermediate model from a parsed spec. Runs after the spec has passed the
 * @redocly/openapi-core lint (structure, resolvable `$ref`s, unique operationIds), so here a
 * `$ref` is a name lookup under `#/components`; named schemas stay named (recursion is fine).
 */
import { type Diagnostic, joinPointer, parsePointer } from '../core/diagnostics.js';
import { compareStrings, toTypeName } from '../core/names.js';
import type { NamingConfig } from './naming-config.js';
import { receivedOnlySchemas } from './direction.js';
import { withUniqueOperationIds } from './operation-ids.js';
import { buildOperations } from './operations.js';
import { type SchemaContext, toSchemaNode } from './schema.js';
import type { Model, NamedSchema, WebhookEvent } from './types.js';
import { alwaysPresentPointers, findWebhooks, nameWebhooks } from './webhooks.js';
import { isObject, type Json, valueAt } from '../core/json.js';

export interface BuildInput {
  document: unknown;
  naming: NamingConfig;
  specFile: string;
  specHash: string;
}

export interface BuildContext extends SchemaContext {
  doc: Json;
  /** Inline schemas lifted to names (responses, bodies), keyed by name. */
  hoisted: Map<string, NamedSchema>;
  resolve(value: unknown): unknown;
}

export function buildModel(input: BuildInput): { model: Model; diagnostics: Diagnostic[] } {
  const doc = input.document as Json;
  const ctx = createContext(doc);
  const componentSchemas =
    isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  // Events first: which properties they always carry decides how their schemas are built.
  const webhookSources = findWebhooks(doc, ctx);
  ctx.alwaysPresent = alwaysPresentPointers(webhookSources, input.naming.webhooks?.alwaysPresent ?? [], ctx);
  const webhooks: WebhookEvent[] = nameWebhooks(webhookSources, ctx);
  const received = receivedOnlySchemas(doc);
  const schemas: NamedSchema[] = Object.entries(componentSchemas).map(([name, s]) => {
    const pointer = joinPointer('#/components/schemas', name);
    return {
      name,
      typeName: toTypeName(name),
      pointer,
      schema: toSchemaNode(s, pointer, { ...ctx, receiving: received.has(name) }),
      origin: 'component',
    };
  });
  const operations = buildOperations(withUniqueOperationIds(doc, ctx.diagnostics), input.naming, ctx);
  const all = resolveNameCollisions([...schemas, ...ctx.hoisted.values()], ctx.diagnostics);
  const info = isObject(doc.info) ? doc.info : {};
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const model: Model = {
    specHash: input.specHash,
    specFile: input.specFile,
    title: typeof info.title === 'string' ? info.title : '',
    version: typeof info.version === 'string' ? info.version : '',
    baseURL: isObject(servers[0]) && typeof servers[0].url === 'string' ? servers[0].url : '',
    operations,
    schemas: all.sort((a, b) => compareStrings(a.typeName, b.typeName)),
    webhooks,
  };
  return { model, diagnostics: ctx.diagnostics };
}

function createContext(doc: Json): BuildContext {
  const diagnostics: Diagnostic[] = [];
  const lookup = (ref: string): unknown => (ref.startsWith('#/') ? valueAt(doc, ref) : undefined);
  return {
    doc,
    diagnostics,
    dialect: typeof doc.openapi === 'string' && doc.openapi.startsWith('3.0') ? '3.0' : '3.1',
    hoisted: new Map(),
    schemaNameOfRef(ref) {
      const tokens = parsePointer(ref);
      return ref.startsWith('#/components/schemas/') && tokens.length === 3 && lookup(ref) !== undefined
        ? tokens[2]
        : undefined;
    },
    resolve(value) {
      // Follows `$ref` chains of responses, parameters and request bodies; a cycle stops at 20 hops.
      let current = value;
      for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++)
        current = lookup(current.$ref);
      return current;
    },
  };
}

/**
 * Two schemas whose names become one TypeScript name (`CountryCode` and `country_code`), or two
 * that differ only in case (their guard modules would be one file on a case-insensitive disk):
 * the later, in model order (components in spec order, then lifted inline schemas), takes the
 * first free `<Name>2`, `<Name>3`, …, and a warning says so.
 */
function resolveNameCollisions(schemas: NamedSchema[], diagnostics: Diagnostic[]): NamedSchema[] {
  const taken = new Set(schemas.map((s) => s.typeName.toLowerCase()));
  const byType = new Map<string, NamedSchema>();
  return schemas.map((s) => {
    const other = byType.get(s.typeName.toLowerCase());
    if (!other) {
      byType.set(s.typeName.toLowerCase(), s);
      return s;
    }
    let typeName = s.typeName;
    for (let n = 2; taken.has(typeName.toLowerCase()); n++) typeName = `${s.typeName}${n}`;
    taken.add(typeName.toLowerCase());
    const renamed = { ...s, typeName };
    byType.set(typeName.toLowerCase(), renamed);
    diagnostics.push({
      code: 'name-collision',
      severity: 'warning',
      pointer: s.pointer,
      message: `schemas ${other.name} and ${s.name} would both be the TypeScript name ${other.typeName}; ${s.name} is generated as ${typeName}`,
      help: 'rename one of the schemas in the spec to choose the name',
    });
    return renamed;
  });
}
