/**
 * Builds the intermediate model from a parsed spec. Runs after the spec has passed the
 * @redocly/openapi-core lint (structure, resolvable `$ref`s, unique operationIds), so here a
 * `$ref` is a name lookup under `#/components`; named schemas stay named (recursion is fine).
 */
import { type Diagnostic, joinPointer, parsePointer } from '../core/diagnostics.js';
import { compareStrings, deepRefName, toTypeName } from '../core/names.js';
import type { NamingConfig } from './naming-config.js';
import { receivedOnlySchemas } from './direction.js';
import { withUniqueOperationIds } from './operation-ids.js';
import { uniqueName } from './operation-parts.js';
import { buildOperations } from './operations.js';
import { type SchemaContext, toSchemaNode } from './schema.js';
import { reservedTypeNames } from './reserved-names.js';
import { readSecurity } from './security.js';
import { resourceSymbols } from './symbols.js';
import type { Model, NamedSchema, Operation, WebhookEvent } from './types.js';
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
  /** `value` with its `$ref` chain followed (responses, parameters, request bodies, items). */
  resolve(value: unknown): unknown;
  /**
   * The same, with where the value was found: `pointer` when `value` is no `$ref`, else the last
   * `$ref` followed, so pointers in the model and in diagnostics name the definition.
   */
  resolveAt(value: unknown, pointer: string): { value: unknown; pointer: string };
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
  const security = readSecurity(doc, ctx.diagnostics);
  const operations = buildOperations(
    withUniqueOperationIds(doc, ctx.diagnostics),
    input.naming,
    ctx,
    security,
  );
  resolveResourceCollisions(operations, ctx.diagnostics);
  const resourceClasses = resourcePaths(operations).map((path) => ({
    path,
    className: resourceSymbols(path).className,
  }));
  const reserved = reservedTypeNames(input.naming, resourceClasses);
  const all = resolveNameCollisions([...schemas, ...ctx.hoisted.values()], reserved, ctx.diagnostics);
  const info = isObject(doc.info) ? doc.info : {};
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const model: Model = {
    specHash: input.specHash,
    specFile: input.specFile,
    title: typeof info.title === 'string' ? info.title : '',
    version: typeof info.version === 'string' ? info.version : '',
    baseURL: isObject(servers[0]) && typeof servers[0].url === 'string' ? servers[0].url : '',
    authSchemes: security.schemes,
    security: security.requirements(doc.security, '#/security'),
    operations,
    schemas: all.sort((a, b) => compareStrings(a.typeName, b.typeName)),
    webhooks,
  };
  return { model, diagnostics: ctx.diagnostics };
}

function createContext(doc: Json): BuildContext {
  const diagnostics: Diagnostic[] = [];
  const lookup = (ref: string): unknown => (ref.startsWith('#/') ? valueAt(doc, ref) : undefined);
  const hoisted = new Map<string, NamedSchema>();
  /** Deep `$ref`s given a name of their own (see nameRef), by the `$ref`. */
  const refNames = new Map<string, string>();
  const componentName = (ref: string) => {
    const tokens = parsePointer(ref);
    return ref.startsWith('#/components/schemas/') && tokens.length === 3 && lookup(ref) !== undefined
      ? tokens[2]
      : undefined;
  };
  const ctx: BuildContext = {
    doc,
    diagnostics,
    hoisted,
    refSiblingsIgnored: typeof doc.openapi === 'string' && doc.openapi.startsWith('3.0'),
    schemaNameOfRef: (ref) => componentName(ref) ?? refNames.get(ref),
    nameRef(ref, reading) {
      const known = refNames.get(ref);
      if (known !== undefined) return known;
      const name = uniqueName(deepRefName(ref), ctx);
      refNames.set(ref, name); // before the build, so the loop back finds the name
      const schema = toSchemaNode(lookup(ref), ref, { ...reading, inlining: new Set() });
      hoisted.set(name, { name, typeName: toTypeName(name), pointer: ref, schema, origin: 'ref-target' });
      return name;
    },
    lookup,
    resolve(value) {
      return resolveAt(value, '').value;
    },
    resolveAt,
  };
  return ctx;
  /**
   * Follows a `$ref` chain; a cycle stops at 20 hops (on a `$ref` object), and a target that is
   * missing or outside the document gives `undefined`. The lint and precheck steps report both
   * before the model is built, so nothing is reported here.
   */
  function resolveAt(value: unknown, pointer: string): { value: unknown; pointer: string } {
    let at = { value, pointer };
    for (let hops = 0; isObject(at.value) && typeof at.value.$ref === 'string' && hops < 20; hops++)
      at = { value: lookup(at.value.$ref), pointer: at.value.$ref };
    return at;
  }
}

/**
 * Two schemas whose names become one TypeScript name (`CountryCode` and `country_code`), or two
 * that differ only in case (their guard modules would be one file on a case-insensitive disk), or
 * a schema whose name generated code already uses (`reserved`, such as `Record` or a resource
 * class): the later, in model order (components in spec order, then lifted inline schemas), takes
 * the first free `<Name>2`, `<Name>3`, …, and a warning says so.
 */
function resolveNameCollisions(
  schemas: NamedSchema[],
  reserved: ReadonlyMap<string, string>,
  diagnostics: Diagnostic[],
): NamedSchema[] {
  const taken = new Set([...reserved.keys(), ...schemas.map((s) => s.typeName.toLowerCase())]);
  const byType = new Map<string, string>(reserved);
  return schemas.map((s) => {
    const other = byType.get(s.typeName.toLowerCase());
    if (other === undefined) {
      byType.set(s.typeName.toLowerCase(), `schema ${s.name}`);
      return s;
    }
    let typeName = s.typeName;
    for (let n = 2; taken.has(typeName.toLowerCase()); n++) typeName = `${s.typeName}${n}`;
    taken.add(typeName.toLowerCase());
    byType.set(typeName.toLowerCase(), `schema ${s.name}`);
    diagnostics.push({
      code: 'name-collision',
      severity: 'warning',
      pointer: s.pointer,
      message: `schema ${s.name} would be the TypeScript name ${s.typeName}, already ${other}; it is generated as ${typeName}`,
      help: 'rename the schema in the spec to choose the name',
    });
    return { ...s, typeName };
  });
}

/** Every resource path and each prefix of it (`calls`, `calls.actions`), sorted. */
function resourcePaths(operations: Operation[]): string[] {
  const paths = new Set<string>();
  for (const op of operations) {
    const segments = op.resource.split('.');
    segments.forEach((_, i) => paths.add(segments.slice(0, i + 1).join('.')));
  }
  return [...paths].sort(compareStrings);
}

/**
 * Two resource paths whose classes would have one name (`oauth.grants` and `oauthGrants` are both
 * `OauthGrants`): the later path's last segment takes the first free number (`oauthGrants2`), for
 * its operations and the resources under it, with a warning.
 */
function resolveResourceCollisions(operations: Operation[], diagnostics: Diagnostic[]): void {
  const classOf = (path: string) => resourceSymbols(path).className.toLowerCase();
  for (let fixed = true; fixed;) {
    fixed = false;
    const paths = resourcePaths(operations);
    const byClass = new Map<string, string>();
    for (const path of paths) {
      const first = byClass.get(classOf(path));
      if (first === undefined) {
        byClass.set(classOf(path), path);
        continue;
      }
      let renamed = path;
      for (let n = 2; byClass.has(classOf(renamed)) || paths.includes(renamed); n++) renamed = `${path}${n}`;
      for (const op of operations)
        if (op.resource === path || op.resource.startsWith(`${path}.`))
          op.resource = renamed + op.resource.slice(path.length);
      diagnostics.push({
        code: 'name-collision',
        severity: 'warning',
        pointer: operations.find((op) => op.resource.startsWith(renamed))!.pointer,
        message: `resources ${first} and ${path} would both be the class ${resourceSymbols(path).className}; ${path} is generated as ${renamed}`,
        help: 'choose its resource in the naming config',
      });
      fixed = true;
      break;
    }
  }
}
