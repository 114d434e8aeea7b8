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
 * for that schema and for the one that contains it.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
const OURS_WIDER = new Set(['call-control_Error', 'call-control_Errors']);
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
    const checks = schemaNames.map((name) => {
      const ours = `S.${typeName(name)}`;
      const them = `components['schemas'][${JSON.stringify(name)}]`;
      if (webhookSchemas.has(name)) return `export const n${typeName(name)}: Narrower<${ours}, ${them}> = true;`;
      if (OURS_WIDER.has(name)) return `export const w${typeName(name)}: Narrower<${them}, ${ours}> = true;`;
      return `export const s${typeName(name)}: Same<${ours}, ${them}> = true;`;
    });
    writeFileSync(
      join(dir, 'src/check.ts'),
      [
        "import type * as S from './schemas.js';",
        "import type { components } from './openapi.js';",
        'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
        'type Narrower<A, B> = [A] extends [B] ? ([B] extends [A] ? false : true) : false;',
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
    expect(webhookSchemas.size).toBe(14);
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
