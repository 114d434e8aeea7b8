/**
 * Writes the compiler oracle's consumer: TypeScript that a user of the *old* package could have
 * written, to be compiled against the *new* one. It names every exported type, passes a value of
 * every old request type (so every field and enum value the old package allowed is sent), and
 * reads every field it could receive, using each as the old type said (a string as a string, an
 * enum compared with each of its values, a discriminated union switched on its values). It does
 * not use received enums exhaustively: a new case there is narrowing, not breaking.
 *
 * Every statement is one line, and `tags` says which operation, event or type, which side, and
 * which field path each line exercises, so that a compile error can be set beside spec:diff's
 * report of the same place.
 */
import type { ApiChange } from '../../../generator/diff/types.ts';
import type { Model, NamedSchema, ObjectNode, SchemaNode } from '../../../generator/ir/types.ts';

export interface Tag {
  subject: ApiChange['subject'];
  side: ApiChange['side'];
  path: string;
}

export interface Consumer {
  text: string;
  /** 1-based line number → what that line exercises. */
  tags: Map<number, Tag>;
}

const HELPERS = [
  '/** The type of `K` on each member of `T`; `unknown` (anything goes) where `K` is gone. */',
  'type Field<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : unknown) : never;',
  '/** What code reading a value relies on: its base type, not its exact set of literals. */',
  'type Widen<T> = T extends string ? string : T extends number ? number : T extends boolean ? boolean : T extends readonly (infer E)[] ? Widen<E>[] : T;',
  'declare function use<T>(value: T): void;',
];

/** `oldTypes` and `newPackage`: module specifiers of the old `schemas.ts` and the new package. */
export function writeConsumer(
  old: Model,
  exportedTypes: string[],
  oldTypes: string,
  newPackage: string,
): Consumer {
  const lines = [
    `import * as New from '${newPackage}';`,
    `import type * as Old from '${oldTypes}';`,
    ...HELPERS,
  ];
  const tags = new Map<number, Tag>();
  const emit = (line: string, tag: Tag) => {
    lines.push(line);
    tags.set(lines.length, tag);
  };
  lines.push('declare const client: New.Telnyx;');
  exportedTypes.forEach((name, i) =>
    emit(`type Export${i} = New.${name}; use<Export${i} | undefined>(undefined);`, {
      subject: { type: 'type', name },
      side: 'export',
      path: '',
    }),
  );
  const schemas = new Map(old.schemas.map((s) => [s.name, s]));
  const fresh = counter();
  for (const op of old.operations) {
    const subject = { type: 'operation', name: `${op.resource}.${op.methodName}` } as const;
    const method = `client.${op.resource}.${op.methodName}`;
    const ids = op.pathParams.map(() => "'id'");
    const body = op.body?.schemaName ? schemas.get(op.body.schemaName) : undefined;
    const request = (path: string): Tag => ({ subject, side: 'request', path });
    lines.push('{');
    if (body) {
      emit(`const params = undefined as unknown as Old.${body.typeName};`, request(''));
      emit(`void ${method}(${[...ids, 'params'].join(', ')});`, request(''));
      if (!op.body!.required && !op.body!.hasRequiredFields)
        emit(`void ${method}(${ids.join(', ')});`, request(''));
      const accepted = `NonNullable<Parameters<typeof ${method}>[${ids.length}]>`;
      for (const p of objectOf(body.schema, schemas)?.properties ?? [])
        emit(
          `{ const v: Field<${accepted}, ${str(p.name)}> = params[${str(p.name)}]; use(v); }`,
          request(p.name),
        );
    } else emit(`void ${method}(${ids.join(', ')});`, request(''));
    const response = op.responseSchemaName && schemas.get(op.responseSchemaName);
    if (response) {
      const tag = (path: string): Tag => ({ subject, side: 'response', path });
      emit(`const res = undefined as unknown as Awaited<ReturnType<typeof ${method}>>;`, tag(''));
      readNode(
        { emit: (l, path) => emit(l, tag(path)), schemas, fresh },
        'res',
        refNode(response),
        `Old.${response.typeName}`,
        '',
        false,
      );
    }
    lines.push('}');
  }
  for (const event of old.webhooks) {
    const wrapper = schemas.get(event.schemaName)!;
    const tag = (path: string): Tag => ({
      subject: { type: 'webhook', name: event.eventType },
      side: 'webhook',
      path,
    });
    lines.push('{');
    emit(`const event = undefined as unknown as New.WebhookEventMap[${str(event.eventType)}];`, tag(''));
    readNode(
      { emit: (l, path) => emit(l, tag(path)), schemas, fresh },
      'event',
      refNode(wrapper),
      `Old.${wrapper.typeName}`,
      '',
      false,
    );
    lines.push('}');
  }
  lines.push('export {};', '');
  return { text: lines.join('\n'), tags };
}

interface Reader {
  emit(line: string, path: string): void;
  schemas: ReadonlyMap<string, NamedSchema>;
  fresh: () => string;
}

/**
 * Reads `expr` (a const holding a received value) as a user of the old type `oldType` would.
 * `absent`: the value may be undefined (an optional field, or a read through `?.`).
 */
function readNode(
  r: Reader,
  expr: string,
  node: SchemaNode,
  oldType: string,
  path: string,
  absent: boolean,
  depth = 0,
): void {
  const target = resolve(node, r.schemas);
  const object = objectOf(target, r.schemas);
  const maybe = absent || target.nullable || node.nullable;
  if (object && depth < 8) {
    for (const p of object.properties) {
      const v = r.fresh();
      const at = path ? `${path}.${p.name}` : p.name;
      r.emit(`const ${v} = ${expr}${maybe ? '?.' : ''}[${str(p.name)}];`, at);
      const field = `Field<NonNullable<${oldType}>, ${str(p.name)}>`;
      readNode(r, v, p.schema, field, at, maybe || !p.required || p.receivedNull, depth + 1);
    }
    return;
  }
  if (target.kind === 'union' && target.discriminator && depth < 8) {
    const prop = target.discriminator.propertyName;
    for (const { value, schemaName } of target.discriminator.mapping) {
      const variant = r.schemas.get(schemaName);
      if (!variant) continue;
      const v = r.fresh();
      const at = `${path}[${variant.typeName}]`;
      const narrowed = `Extract<NonNullable<${oldType}>, { ${str(prop)}: ${str(value)} }>`;
      r.emit(`if (${expr}${maybe ? '?.' : ''}[${str(prop)}] === ${str(value)}) { const ${v} = ${expr};`, at);
      readNode(r, v, refNode(variant), narrowed, at, false, depth + 1);
      r.emit('}', at);
    }
    return;
  }
  r.emit(`{ const used: Widen<${oldType}>${maybe ? ' | undefined' : ''} = ${expr}; use(used); }`, path);
  const values = target.kind === 'enum' ? target.values : [];
  for (const value of values.slice(0, 50))
    if (value !== null) r.emit(`use(${expr} === ${JSON.stringify(value)});`, path);
}

function resolve(node: SchemaNode, schemas: ReadonlyMap<string, NamedSchema>): SchemaNode {
  let current = node;
  for (let hops = 0; current.kind === 'ref' && hops < 20; hops++)
    current = schemas.get(current.schemaName)?.schema ?? current;
  return current;
}

/** The object a node stands for, with `allOf` parts of objects merged as the generated type does. */
function objectOf(node: SchemaNode, schemas: ReadonlyMap<string, NamedSchema>): ObjectNode | undefined {
  const target = resolve(node, schemas);
  if (target.kind === 'object') return target;
  if (target.kind !== 'allOf') return undefined;
  const parts = target.parts.map((p) => objectOf(p, schemas));
  if (!parts.every((p): p is ObjectNode => p !== undefined)) return undefined;
  return { ...parts[0]!, properties: parts.flatMap((p) => p.properties) };
}

const refNode = (s: NamedSchema): SchemaNode => ({
  kind: 'ref',
  schemaName: s.name,
  pointer: s.pointer,
  nullable: false,
  docs: {},
});
const str = (s: string): string => JSON.stringify(s);

function counter(): () => string {
  let n = 0;
  return () => `v${++n}`;
}
