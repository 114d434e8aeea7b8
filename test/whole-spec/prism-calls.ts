/**
 * Calls every operation of a generated package against Prism serving the spec it was generated
 * from. The values come from the spec itself: @stoplight/json-schema-sampler turns each path
 * parameter, required parameter and request body schema into a value (the schema's example when
 * it has one, else the first value it allows). Prism checks each request against the spec and
 * answers with an `sl-violations` header naming what does not conform, so a call passes only when
 * the client put on the wire what the spec allows, and got an answer it could read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sample } from '@stoplight/json-schema-sampler';
import { parsePointer } from '../../generator/core/diagnostics.ts';
import type { Model, Operation } from '../../generator/ir/types.ts';
import { startPrism } from '../client/helpers/prism.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What `value` stands for: itself, or what its `$ref` (and theirs, in turn) points to. */
function resolve(doc: Json, value: unknown): unknown {
  for (let hops = 0; isObject(value) && typeof value.$ref === 'string' && hops < 20; hops++) {
    let node: unknown = doc;
    for (const token of parsePointer(value.$ref)) node = isObject(node) ? node[token] : undefined;
    value = node;
  }
  return value;
}

/** The value at a pointer into the spec, following `$ref`s at each step. */
function at(doc: Json, pointer: string): unknown {
  let node: unknown = doc;
  for (const token of parsePointer(pointer)) {
    const here = resolve(doc, node);
    node = isObject(here) || Array.isArray(here) ? (here as Json)[token] : undefined;
  }
  return resolve(doc, node);
}

/** A value for `schema`, with `$ref`s resolved against the whole spec. */
function valueFor(doc: Json, schema: unknown): unknown {
  return sample((resolve(doc, schema) ?? {}) as never, { skipReadOnly: true, quiet: true }, doc);
}

/** The arguments a method takes, from the spec: path values in order, then the params object. */
function argumentsFor(doc: Json, op: Operation): unknown[] {
  const schemaOf = (pointer: string) => (at(doc, pointer) as Json | undefined)?.schema ?? { type: 'string' };
  const args: unknown[] = op.pathParams.map((p) => valueFor(doc, schemaOf(p.pointer)));
  const params: Json = {};
  for (const p of op.params) if (p.required) params[p.name] = valueFor(doc, schemaOf(p.pointer));
  const variant = op.body?.variants[0];
  if (variant && variant.kind !== 'binary' && variant.kind !== 'text') {
    const requestBody = resolve(doc, (at(doc, op.pointer) as Json).requestBody) as Json;
    const schema = (requestBody.content as Record<string, Json>)[variant.contentType]?.schema;
    const body = schema === undefined ? undefined : valueFor(doc, schema);
    if (variant.whole) params.body = body;
    else if (isObject(body)) Object.assign(params, body);
  }
  if (op.params.length > 0 || op.body !== undefined) args.push(params);
  return args;
}

type Method = (...args: unknown[]) => { withResponse(): Promise<{ response: Response }> };

/**
 * Calls each operation of the package in `dir`, generated from the spec at `specPath` into
 * `model`, against Prism serving that spec. Returns how many operations were called, and one line
 * for each call that Prism or the client refused.
 */
export async function callEveryOperation(specPath: string, model: Model, dir: string) {
  const doc = JSON.parse(readFileSync(specPath, 'utf8')) as Json;
  const prism = await startPrism(specPath);
  const failures: string[] = [];
  try {
    const pkg = (await import(join(dir, 'src/index.ts'))) as Record<string, new (options: object) => unknown>;
    const client = new pkg.WholeSpecClient!({ apiKey: 'user:pass', baseURL: prism.baseURL, maxRetries: 0 });
    for (const op of model.operations) {
      let target: unknown = client;
      for (const segment of op.resource.split('.')) target = (target as Json)[segment];
      const method = (target as Record<string, Method>)[op.methodName]!.bind(target);
      const where = `${op.httpMethod.toUpperCase()} ${op.path}`;
      try {
        const { response } = await method(...argumentsFor(doc, op)).withResponse();
        const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]') as Array<{
          location: string[];
          message: string;
        }>;
        // Prism also reports where its own mock answer breaks the spec; only the request counts.
        for (const v of violations.filter((v) => v.location[0] === 'request'))
          failures.push(`${where}: ${v.message}`);
      } catch (error) {
        const { status, headers, message } = error as { status?: number; headers?: Headers; message: string };
        const reason = [status, headers?.get('sl-violations') ?? message].filter(
          (part) => part !== undefined,
        );
        failures.push(`${where}: ${reason.join(' ')}`.slice(0, 600));
      }
    }
  } finally {
    await prism.stop();
  }
  return { called: model.operations.length, failures };
}
