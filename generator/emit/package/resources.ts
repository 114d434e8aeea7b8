/**
 * View models for the resource classes (`client.calls.actions.startPlayback(...)`): every
 * name, type and doc line is decided here so `resource.ts.hbs` only interpolates.
 */
import { resourceSymbols, type Symbols, symbolsOf } from '../../ir/symbols.js';
import type { Model, Operation } from '../../ir/types.js';
import { compareStrings, toMethodName } from '../../core/names.js';
import { jsDocText, stringLiteral } from '../escape.js';

export interface ResourceView {
  className: string;
  file: string;
  /** Dotted path from the client, e.g. `calls.actions`. */
  path: string;
  docLines: string[];
  children: Array<{ property: string; className: string; file: string }>;
  methods: MethodView[];
  typeImports: string[];
  guardImports: Array<{ name: string; module: string }>;
}

export interface MethodView {
  name: string;
  docLines: string[];
  pathArgs: Array<{ arg: string }>;
  paramsType: string;
  paramsOptional: boolean;
  responseType: string;
  pathExpression: string;
  operationName: string;
  idempotencyField: string;
  validator: string;
}

/** One class per resource path and per prefix of it, so `calls` holds `actions`. */
export function resourceViews(model: Model): ResourceView[] {
  const symbols = symbolsOf(model);
  const paths = new Set<string>();
  for (const op of model.operations) {
    const segments = op.resource.split('.');
    segments.forEach((_, i) => paths.add(segments.slice(0, i + 1).join('.')));
  }
  return [...paths].sort(compareStrings).map((path) => {
    const ops = model.operations.filter((op) => op.resource === path);
    const children = [...paths].filter(
      (p) => p.startsWith(`${path}.`) && !p.slice(path.length + 1).includes('.'),
    );
    const methods = ops.map((op) => methodView(op, symbols));
    const bodies = ops.flatMap((op) => (op.body ? [symbols.schema(op.body.schemaName)] : []));
    const responseTypes = ops.flatMap((op) =>
      op.responseSchemaName ? [symbols.schema(op.responseSchemaName).type] : [],
    );
    return {
      ...resourceSymbols(path),
      path,
      docLines: [
        `\`client.${path}\`${
          ops.length
            ? `: ${ops
                .map((o) => o.docs.summary ?? o.methodName)
                .map(jsDocText)
                .join(', ')}.`
            : '.'
        }`,
      ],
      children: children.map((c) => ({ property: c.slice(path.length + 1), ...resourceSymbols(c) })),
      methods,
      typeImports: unique([...bodies.map((b) => b.type), ...responseTypes]),
      guardImports: uniqueBy(bodies, (b) => b.validate).map((b) => ({ name: b.validate, module: b.guardModule })),
    };
  });
}

/** The top-level resources, which the client class holds. */
export function rootResources(views: ResourceView[]) {
  return views
    .filter((v) => !v.path.includes('.'))
    .map((v) => ({ property: v.path, className: v.className, file: v.file }));
}

function methodView(op: Operation, symbols: Symbols): MethodView {
  const body = op.body ? symbols.schema(op.body.schemaName) : undefined;
  // `params` and `options` are the method's own last two arguments.
  const argName = (wire: string) =>
    ['params', 'options'].includes(toMethodName(wire)) ? `${toMethodName(wire)}Path` : toMethodName(wire);
  const argNames = new Map(op.pathParams.map((p) => [p.name, argName(p.name)]));
  return {
    name: op.methodName,
    docLines: methodDocs(op, argNames),
    pathArgs: op.pathParams.map((p) => ({ arg: argNames.get(p.name)! })),
    paramsType: body?.type ?? 'Record<string, never>',
    paramsOptional: !op.body?.hasRequiredFields,
    responseType: op.responseSchemaName ? symbols.schema(op.responseSchemaName).type : 'unknown',
    pathExpression: pathExpression(op.path, argNames),
    operationName: `${op.resource}.${op.methodName}`,
    idempotencyField: op.idempotencyField ? stringLiteral(op.idempotencyField) : 'undefined',
    validator: body?.validate ?? 'undefined',
  };
}

function methodDocs(op: Operation, argNames: Map<string, string>): string[] {
  const lines: string[] = [];
  if (op.docs.summary) lines.push(jsDocText(op.docs.summary), '');
  if (op.docs.description) lines.push(...jsDocText(op.docs.description).split('\n'), '');
  lines.push(
    `\`${op.httpMethod.toUpperCase()} ${jsDocText(op.path)}\` (operationId \`${jsDocText(op.operationId)}\`)`,
  );
  for (const p of op.pathParams)
    lines.push(`@param ${argNames.get(p.name)} ${jsDocText(p.description ?? p.name)}`);
  lines.push(
    `@param params The request body.${op.body?.hasRequiredFields ? '' : ' Every field is optional.'}`,
  );
  lines.push('@param options Per-call overrides: `timeout`, `maxRetries`, `signal`, `headers`, `validate`.');
  if (op.expectedWebhooks.length)
    lines.push(`@see Expected webhooks: ${op.expectedWebhooks.map((w) => `\`${jsDocText(w)}\``).join(', ')}`);
  return lines;
}

/** `'/calls/' + encodePathParam('call_control_id', callControlId) + '/actions/speak'` */
function pathExpression(path: string, argNames: Map<string, string>): string {
  return path
    .split(/(\{[^}]+\})/)
    .filter(Boolean)
    .map((part) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      const arg = name === undefined ? undefined : argNames.get(name);
      return arg ? `encodePathParam(${stringLiteral(name!)}, ${arg})` : stringLiteral(part);
    })
    .join(' + ');
}

const unique = (items: string[]) => [...new Set(items)].sort(compareStrings);
/** One item per key, sorted by key. */
function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const byKey = new Map(items.map((item) => [key(item), item]));
  return [...byKey.keys()].sort(compareStrings).map((k) => byKey.get(k)!);
}
