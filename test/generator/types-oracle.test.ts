/**
 * openapi-typescript as an oracle for our schema types: for every named schema, our type and
 * openapi-typescript's `components['schemas'][name]` must accept the same values, checked by tsc.
 * The only allowed difference is the one we make on purpose: webhook events require `data`,
 * `data.event_type` and `data.record_type` (naming config `webhooks.alwaysPresent`), so ours is
 * narrower there, and still assignable to theirs.
 *
 * What the package only receives (webhooks, responses) says `T | null` on optional fields, where
 * Telnyx sends `null` for "no value": openapi-typescript is given the same spec with those fields
 * written as `anyOf: [T, {type: 'null'}]`, so the rest of each type is still compared as is.
 *
 * Where the two disagree, the spec decides: `call-control_Error.meta` is `type: object` with no
 * properties, which JSON Schema reads as "any keys"; openapi-typescript writes
 * `Record<string, never>` (no keys at all), we write `Record<string, unknown>`. So ours is wider
 * for every schema that holds such an object (a named one is `object` with us: values of
 * interface types must be assignable to it). File fields (`format: binary`) of multipart bodies
 * take bytes and streams as well as strings with us (`Uploadable`): wider again. A schema named in
 * a discriminator's mapping gets the discriminator property as a required literal in
 * openapi-typescript's output; we add that literal where the union uses the schema, so the
 * schema alone may be wider with us (the unions agree). For these schemas the check is that ours
 * accepts every value theirs does.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { receivedOnlySchemas } from '../../generator/ir/direction.ts';
import { GENERATED, SPEC_PATH, tempDir, typecheck } from '../helpers/generate.ts';

const doc = parse(readFileSync(SPEC_PATH, 'utf8'));
const received = receivedOnlySchemas(doc);
const schemaNames = Object.keys(doc.components.schemas) as string[];
const typeName = (name: string) =>
  /^[A-Za-z_$][\w$]*$/.test(name) && !name.includes('_')
    ? name[0]!.toUpperCase() + name.slice(1)
    : name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const OURS_WIDER = widerSchemas(doc.components.schemas);
const webhookSchemas = new Set(
  Object.values(doc.webhooks as Record<string, any>).flatMap((w) => {
    const wrapper = w.post.requestBody.content['application/json'].schema.$ref.split('/').pop();
    return [wrapper, doc.components.schemas[wrapper].properties.data.$ref.split('/').pop()];
  }),
);

describe('our schema types agree with openapi-typescript', () => {
  it('every named schema is the same type, except the required webhook fields', async () => {
    const dir = tempDir('types-oracle');
    mkdirSync(join(dir, 'src'));
    const theirs = astToString(await openapiTS(withReceivedNulls(doc), { silent: true, defaultNonNullable: false }));
    writeFileSync(join(dir, 'src/openapi.ts'), theirs);
    copyFileSync(join(GENERATED, 'src/schemas.ts'), join(dir, 'src/schemas.ts'));
    // schemas.ts types file fields with the client's `Uploadable`.
    cpSync(join(GENERATED, 'src/core'), join(dir, 'src/core'), { recursive: true });
    const checks = schemaNames.map((name) => {
      const ours = `S.${typeName(name)}`;
      const them = `components['schemas'][${JSON.stringify(name)}]`;
      if (webhookSchemas.has(name)) return `export const n${typeName(name)}: Narrower<${ours}, ${them}> = true;`;
      if (OURS_WIDER.has(name)) return `export const w${typeName(name)}: Accepts<${ours}, ${them}> = true;`;
      return `export const s${typeName(name)}: Same<${ours}, ${them}> = true;`;
    });
    writeFileSync(
      join(dir, 'src/check.ts'),
      [
        "import type * as S from './schemas.js';",
        "import type { components } from './openapi.js';",
        'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
        'type Narrower<A, B> = [A] extends [B] ? ([B] extends [A] ? false : true) : false;',
        // Ours takes every value theirs takes (and maybe more, for the reasons above).
        'type Accepts<A, B> = [B] extends [A] ? true : false;',
        ...checks,
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, exactOptionalPropertyTypes: false, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, types: [] }, include: ['src'] }),
    );
    const result = typecheck(dir);
    expect(result.output).toBe('');
    expect(checks.length).toBe(schemaNames.length);
    expect(webhookSchemas.size).toBe(24);
  }, 60_000);
});

/** A copy of the spec whose received-only schemas allow `null` in every optional property. */
function withReceivedNulls(spec: any): any {
  const copy = structuredClone(spec);
  for (const name of received) allowNullInOptional(copy.components.schemas[name]);
  return copy;
}

function allowNullInOptional(schema: any): void {
  if (typeof schema !== 'object' || schema === null) return;
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) schema[key]?.forEach(allowNullInOptional);
  allowNullInOptional(schema.items);
  const required: string[] = schema.required ?? [];
  for (const [prop, sub] of Object.entries<any>(schema.properties ?? {})) {
    allowNullInOptional(sub);
    const nullable = sub.nullable === true || [sub.type].flat().includes('null');
    if (!required.includes(prop) && !nullable)
      schema.properties[prop] = { anyOf: [sub, { type: 'null' }] };
  }
}

/** Schemas that hold, directly or through `$ref`s, a property-less object or a file field. */
function widerSchemas(schemas: Record<string, any>): Set<string> {
  const memo = new Map<string, boolean>();
  const holds = (value: any, seen: Set<string>): boolean => {
    if (Array.isArray(value)) return value.some((v) => holds(v, seen));
    if (typeof value !== 'object' || value === null) return false;
    if (typeof value.$ref === 'string') return named(value.$ref.split('/').pop(), seen);
    if (value.format === 'binary') return true;
    const noProperties = !('properties' in value) || Object.keys(value.properties ?? {}).length === 0;
    const open = !('additionalProperties' in value) || value.additionalProperties === true;
    const bare = noProperties && open && ['allOf', 'oneOf', 'anyOf'].every((k) => !(k in value));
    if (value.type === 'object' && bare) return true;
    return Object.values(value).some((v) => holds(v, seen));
  };
  const named = (name: string, seen: Set<string>): boolean => {
    if (memo.has(name)) return memo.get(name)!;
    if (seen.has(name)) return false;
    const result = holds(schemas[name], new Set([...seen, name]));
    memo.set(name, result);
    return result;
  };
  const mapped = new Set<string>();
  const collectMappings = (value: any): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const ref of Object.values<any>(value.discriminator?.mapping ?? {})) mapped.add(String(ref).split('/').pop()!);
    Object.values(value).forEach(collectMappings);
  };
  collectMappings(schemas);
  return new Set(Object.keys(schemas).filter((name) => mapped.has(name) || named(name, new Set())));
}
