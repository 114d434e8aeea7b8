/**
 * Everything the product brief promises (brief-reference.json, parsed from the brief by
 * test/fixtures/brief/extract-brief.ts) must be in the extracted fragment: each action's required
 * and optional fields with their types and enum values, and each webhook's payload fields.
 * Where the brief simplifies what the real spec says, the spec wins; those places are listed in
 * KNOWN_DIFFERENCES, and the test fails if the list is not exactly what it finds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePointer } from '../../generator/core/diagnostics.ts';
import {
  type BriefReference,
  DEFAULT_SEED,
  parseBrief,
  REFERENCE_PATH,
  renderBrief,
} from '../fixtures/brief/extract-brief.ts';

type Json = Record<string, any>;
const root = resolve(import.meta.dirname, '../..');
const spec = parse(readFileSync(join(root, 'spec/voice-media.yaml'), 'utf8')) as Json;
const brief = JSON.parse(readFileSync(REFERENCE_PATH, 'utf8')) as BriefReference;

/**
 * The brief flattens these into a plain type; the spec is authoritative.
 * - `loop` is `$ref: Loopcount`, a oneOf of string or integer (a count or "infinity"); the brief
 *   only shows the string form. It appears on both actions that accept it.
 * - `voice_settings` is a oneOf of nine provider settings objects discriminated by `type`; the
 *   brief just says "object".
 */
const KNOWN_DIFFERENCES = [
  'action /calls/{call_control_id}/actions/playback_start loop: brief type string, spec oneOf[string, integer]',
  'action /calls/{call_control_id}/actions/speak loop: brief type string, spec oneOf[string, integer]',
  'action /calls/{call_control_id}/actions/speak voice_settings: brief type object, spec oneOf[object×9]',
];

/** Follows `$ref` chains (siblings such as `default` next to a `$ref` do not change the shape). */
function deref(schema: unknown): Json | undefined {
  let node = schema as Json | undefined;
  for (let hops = 0; node && typeof node.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${node.$ref}`);
    node = parsePointer(node.$ref).reduce<Json | undefined>((n, t) => n?.[t], spec);
  }
  return node;
}

/** A short description of a schema's type, to compare with the brief's and to name differences. */
function specType(schema: Json): string {
  if (Array.isArray(schema.oneOf)) {
    const members: string[] = schema.oneOf.map((m: unknown) => specType(deref(m) ?? {}));
    const unique = [...new Set(members)];
    return unique.length === 1 && members.length > 1
      ? `oneOf[${unique[0]}×${members.length}]`
      : `oneOf[${members.join(', ')}]`;
  }
  return schema.format ? `${schema.type}/${schema.format}` : String(schema.type);
}

/** How each brief type word reads in the spec; `enum` is checked by its values, not here. */
const BRIEF_TYPES: Record<string, string[]> = {
  string: ['string'],
  boolean: ['boolean'],
  object: ['object'],
  int32: ['integer/int32'],
  uuid: ['string/uuid'],
  'date-time': ['string/date-time'],
};

/** Checks one brief field against its spec schema; returns the differences found. */
function compareField(
  where: string,
  briefType: string,
  briefEnum: string[] | undefined,
  raw: unknown,
): string[] {
  const schema = deref(raw);
  if (!schema) return [`${where}: missing from the spec`];
  if (briefType === 'enum') {
    const values: unknown[] = Array.isArray(schema.enum) ? schema.enum : [];
    const missing = (briefEnum ?? []).filter((v) => !values.includes(v));
    return missing.length > 0 ? [`${where}: enum values not in the spec: ${missing.join(', ')}`] : [];
  }
  const expected = BRIEF_TYPES[briefType];
  if (!expected) return [`${where}: brief type ${briefType} is not one this test knows`];
  const actual = specType(schema);
  return expected.includes(actual) ? [] : [`${where}: brief type ${briefType}, spec ${actual}`];
}

function requestSchema(path: string): Json | undefined {
  return deref(spec.paths?.[path]?.post?.requestBody?.content?.['application/json']?.schema);
}

function compareAction(path: string, action: BriefReference['actions'][string]): string[] {
  const schema = requestSchema(path);
  if (!schema) return [`action ${path}: no request body in the spec`];
  const required: string[] = schema.required ?? [];
  return [
    ...action.required
      .filter((f) => !required.includes(f))
      .map((f) => `action ${path} ${f}: not required in the spec`),
    ...action.required
      .filter((f) => !schema.properties?.[f])
      .map((f) => `action ${path} ${f}: missing from the spec`),
    ...action.optional.flatMap((f) =>
      compareField(`action ${path} ${f.name}`, f.type, f.enum, schema.properties?.[f.name]),
    ),
  ];
}

/** `data.payload.status` → webhook body schema → `data` → `payload` → `status`, via `properties`. */
function eventFieldSchema(webhook: string, field: string): unknown {
  const body = spec.webhooks?.[webhook]?.post?.requestBody?.content?.['application/json']?.schema;
  return field.split('.').reduce<unknown>((node, name) => deref(node)?.properties?.[name], body);
}

function compareEvent(webhook: string, fields: BriefReference['events'][string]): string[] {
  return fields.flatMap((f) =>
    compareField(`event ${webhook} ${f.field}`, f.type, f.enum, eventFieldSchema(webhook, f.field)),
  );
}

describe('brief coverage: spec/voice-media.yaml has everything the brief promises', () => {
  it('the fragment has every action and webhook of the brief, and only the documented support around them', () => {
    const paths = Object.keys(spec.paths);
    expect(paths).toEqual(expect.arrayContaining(Object.keys(brief.actions)));
    expect(Object.keys(spec.webhooks)).toEqual(expect.arrayContaining(Object.keys(brief.events)));
    // Beyond the brief's seven media actions: the call lifecycle, Media Storage and Recordings
    // (spec/extract.config.yaml says why each is there).
    const support = paths.filter((p) => !(p in brief.actions)).sort();
    expect(support).toEqual([
      '/calls/{call_control_id}/actions/answer',
      '/calls/{call_control_id}/actions/gather_using_audio',
      '/calls/{call_control_id}/actions/gather_using_speak',
      '/calls/{call_control_id}/actions/hangup',
      '/media',
      '/media/{media_name}',
      '/media/{media_name}/download',
      '/recording_transcriptions',
      '/recording_transcriptions/{recording_transcription_id}',
      '/recordings',
      '/recordings/actions/delete',
      '/recordings/{recording_id}',
    ]);
    const events = Object.keys(spec.webhooks).filter((w) => !(w in brief.events)).sort();
    expect(events).toEqual(['callAnswered', 'callDtmfReceived', 'callGatherEnded', 'callHangup', 'callInitiated']);
  });

  it.each(Object.entries(brief.actions))(
    'action %s: required fields, optional fields, enum values',
    (path, action) => {
      const known = KNOWN_DIFFERENCES.filter((d) => d.startsWith(`action ${path} `));
      expect(compareAction(path, action)).toEqual(known);
    },
  );

  it.each(Object.entries(brief.events))('webhook %s: payload fields and enum values', (webhook, fields) => {
    expect(compareEvent(webhook, fields)).toEqual([]);
  });

  it('the known differences are exactly the ones found', () => {
    const found = [
      ...Object.entries(brief.actions).flatMap(([path, action]) => compareAction(path, action)),
      ...Object.entries(brief.events).flatMap(([webhook, fields]) => compareEvent(webhook, fields)),
    ];
    expect(found).toEqual(KNOWN_DIFFERENCES);
  });

  it('the reference is not vacuous: required lists and enum values are really there', () => {
    expect(brief.actions['/calls/{call_control_id}/actions/speak']?.required).toEqual(['payload', 'voice']);
    expect(brief.actions['/calls/{call_control_id}/actions/record_start']?.required).toEqual([
      'format',
      'channels',
    ]);
    const language = brief.actions['/calls/{call_control_id}/actions/record_start']?.optional.find(
      (f) => f.name === 'transcription_language',
    );
    expect(language?.enum?.length).toBeGreaterThan(200);
    expect(brief.events.callPlaybackEnded?.find((f) => f.field === 'data.payload.status')?.enum).toHaveLength(
      7,
    );
  });
});

describe.skipIf(!existsSync(DEFAULT_SEED))('brief coverage: brief-reference.json is current', () => {
  it('re-parsing the seed brief reproduces brief-reference.json byte for byte', () => {
    const fresh = renderBrief(parseBrief(readFileSync(DEFAULT_SEED, 'utf8')));
    expect(fresh).toBe(readFileSync(REFERENCE_PATH, 'utf8'));
  });
});
