/** The intermediate model, checked with exact literals: names, optionality, docs and shapes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildModel } from '../../generator/ir/build.ts';
import { checkNamingConfig } from '../../generator/ir/naming-config.ts';
import type { Model } from '../../generator/ir/types.ts';
import { NAMING_PATH, SPEC_PATH } from '../helpers/generate.ts';

const naming = checkNamingConfig(parse(readFileSync(NAMING_PATH, 'utf8')), 'naming.yaml').config!;

function modelOf(document: unknown): {
  model: Model;
  diagnostics: ReturnType<typeof buildModel>['diagnostics'];
} {
  return buildModel({ document, naming, specFile: 'test.yaml', specHash: 'x' });
}

/** A minimal 3.1 document around some component schemas. */
function withSchemas(schemas: Record<string, unknown>): unknown {
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas } };
}

describe('the real voice-media fragment', () => {
  const { model, diagnostics } = modelOf(parse(readFileSync(SPEC_PATH, 'utf8')));

  it('has the seven operations with names from the naming config', () => {
    expect(
      model.operations.map((o) => [
        o.operationId,
        o.resource,
        o.methodName,
        o.path,
        o.body?.schemaName,
        o.body?.hasRequiredFields,
      ]),
    ).toStrictEqual([
      [
        'StartCallPlayback',
        'calls.actions',
        'startPlayback',
        '/calls/{call_control_id}/actions/playback_start',
        'PlayAudioUrlRequest',
        false,
      ],
      [
        'StopCallPlayback',
        'calls.actions',
        'stopPlayback',
        '/calls/{call_control_id}/actions/playback_stop',
        'PlaybackStopRequest',
        false,
      ],
      [
        'PauseCallRecording',
        'calls.actions',
        'pauseRecording',
        '/calls/{call_control_id}/actions/record_pause',
        'PauseRecordingRequest',
        false,
      ],
      [
        'ResumeCallRecording',
        'calls.actions',
        'resumeRecording',
        '/calls/{call_control_id}/actions/record_resume',
        'ResumeRecordingRequest',
        false,
      ],
      [
        'StartCallRecord',
        'calls.actions',
        'startRecording',
        '/calls/{call_control_id}/actions/record_start',
        'StartRecordingRequest',
        true,
      ],
      [
        'StopCallRecording',
        'calls.actions',
        'stopRecording',
        '/calls/{call_control_id}/actions/record_stop',
        'StopRecordingRequest',
        false,
      ],
      ['SpeakCall', 'calls.actions', 'speak', '/calls/{call_control_id}/actions/speak', 'SpeakRequest', true],
    ]);
  });

  it('reads expected webhooks, the idempotency field, responses and the path parameter', () => {
    const speak = model.operations.find((o) => o.operationId === 'SpeakCall')!;
    expect(speak.expectedWebhooks).toStrictEqual(['call.speak.started', 'call.speak.ended']);
    expect(speak.idempotencyField).toBe('command_id');
    expect(speak.responseSchemaName).toBe('CallControlCommandResponse');
    expect(speak.errorSchemaName).toBe('call-control_Errors');
    expect(speak.pathParams.map((p) => [p.name, p.description, p.schema.kind])).toStrictEqual([
      ['call_control_id', 'Unique identifier and token for controlling the call', 'string'],
    ]);
    const pause = model.operations.find((o) => o.operationId === 'PauseCallRecording')!;
    expect(pause.expectedWebhooks).toStrictEqual([]);
  });

  it('names the seven webhook events by their single event_type value', () => {
    expect(model.webhooks.map((w) => [w.name, w.eventType, w.schemaName, w.dataSchemaName])).toStrictEqual([
      ['callPlaybackStarted', 'call.playback.started', 'CallPlaybackStartedEvent', 'CallPlaybackStarted'],
      ['callPlaybackEnded', 'call.playback.ended', 'CallPlaybackEndedEvent', 'CallPlaybackEnded'],
      ['callRecordingError', 'call.recording.error', 'callRecordingErrorEvent', 'callRecordingError'],
      ['callRecordingSaved', 'call.recording.saved', 'CallRecordingSavedEvent', 'CallRecordingSaved'],
      [
        'callRecordingTranscriptionSaved',
        'call.recording.transcription.saved',
        'callRecordingTranscriptionSavedEvent',
        'callRecordingTranscriptionSaved',
      ],
      ['callSpeakStarted', 'call.speak.started', 'CallSpeakStartedEvent', 'CallSpeakStarted'],
      ['callSpeakEnded', 'call.speak.ended', 'CallSpeakEndedEvent', 'CallSpeakEnded'],
    ]);
  });

  it('makes data, event_type and record_type required in events (naming config webhooks.alwaysPresent)', () => {
    const byName = new Map(model.schemas.map((s) => [s.name, s]));
    const wrapper = byName.get('CallSpeakEndedEvent')!.schema;
    const data = byName.get('CallSpeakEnded')!.schema;
    expect(wrapper.kind === 'object' && wrapper.properties.map((p) => [p.name, p.required])).toStrictEqual([
      ['data', true],
    ]);
    expect(
      data.kind === 'object' && data.properties.filter((p) => p.required).map((p) => p.name),
    ).toStrictEqual(['event_type', 'record_type']);
  });

  it('hoists the inline 200 response into one shared named schema', () => {
    const hoisted = model.schemas.filter((s) => s.origin === 'inline-response').map((s) => s.typeName);
    expect(hoisted).toStrictEqual(['CallControlCommandResponse']);
  });

  it('maps schema names to type names, PascalCasing non-identifiers', () => {
    const names = model.schemas.map((s) => [s.name, s.typeName]).filter(([a, b]) => a !== b);
    expect(names).toStrictEqual([
      ['call-control_Error', 'CallControlError'],
      ['call-control_Errors', 'CallControlErrors'],
      ['callRecordingError', 'CallRecordingError'],
      ['callRecordingErrorEvent', 'CallRecordingErrorEvent'],
      ['callRecordingTranscriptionSaved', 'CallRecordingTranscriptionSaved'],
      ['callRecordingTranscriptionSavedEvent', 'CallRecordingTranscriptionSavedEvent'],
    ]);
  });

  it('builds without a single diagnostic', () => {
    expect(diagnostics).toStrictEqual([]);
  });

  it('keeps null among enum values as nullable (language_boost is [string, null] with null in its enum)', () => {
    const minimax = model.schemas.find((s) => s.name === 'MinimaxVoiceSettings')!.schema;
    const boost =
      minimax.kind === 'object'
        ? minimax.properties.find((p) => p.name === 'language_boost')!.schema
        : undefined;
    expect(
      boost?.kind === 'enum' && [boost.nullable, boost.values.slice(0, 3), boost.docs.default],
    ).toStrictEqual([true, [null, 'auto', 'Chinese'], null]);
  });
});

describe('schema shapes', () => {
  it('Loopcount: a oneOf of string or integer', () => {
    const { model } = modelOf(
      withSchemas({ Loopcount: { oneOf: [{ type: 'string' }, { type: 'integer' }] } }),
    );
    expect(model.schemas[0]!.schema).toStrictEqual({
      kind: 'union',
      mode: 'oneOf',
      pointer: '#/components/schemas/Loopcount',
      nullable: false,
      docs: {},
      variants: [
        { kind: 'string', pointer: '#/components/schemas/Loopcount/oneOf/0', nullable: false, docs: {} },
        { kind: 'integer', pointer: '#/components/schemas/Loopcount/oneOf/1', nullable: false, docs: {} },
      ],
    });
  });

  it('3.1 type arrays with "null" and 3.0 nullable both become nullable', () => {
    const { model } = modelOf(withSchemas({ A: { type: ['string', 'null'], maxLength: 3 } }));
    expect(model.schemas[0]!.schema).toStrictEqual({
      kind: 'string',
      pointer: '#/components/schemas/A',
      nullable: true,
      docs: {},
      maxLength: 3,
    });
    const v30 = {
      ...(withSchemas({
        A: { type: 'integer', nullable: true, minimum: 1, exclusiveMinimum: true, format: 'int32' },
      }) as object),
      openapi: '3.0.3',
    };
    expect(modelOf(v30).model.schemas[0]!.schema).toStrictEqual({
      kind: 'integer',
      pointer: '#/components/schemas/A',
      nullable: true,
      docs: {},
      format: 'int32',
      exclusiveMinimum: 1,
    });
  });

  it('$ref with sibling docs keeps the docs; with sibling constraints becomes allOf', () => {
    const { model } = modelOf(
      withSchemas({
        L: { type: 'string' },
        R: {
          type: 'object',
          properties: {
            a: { $ref: '#/components/schemas/L', default: 'x', description: 'd' },
            b: { $ref: '#/components/schemas/L', maxLength: 2 },
          },
        },
      }),
    );
    const r = model.schemas.find((s) => s.name === 'R')!.schema;
    if (r.kind !== 'object') throw new Error('expected an object');
    expect(r.properties[0]!.schema).toStrictEqual({
      kind: 'ref',
      pointer: '#/components/schemas/R/properties/a',
      nullable: false,
      docs: { description: 'd', default: 'x' },
      schemaName: 'L',
    });
    expect(r.properties[1]!.schema.kind).toBe('allOf');
  });

  it('a default never makes a field required', () => {
    const { model } = modelOf(
      withSchemas({ R: { type: 'object', properties: { a: { type: 'boolean', default: true } } } }),
    );
    const r = model.schemas[0]!.schema;
    expect(r.kind === 'object' && r.properties[0]!.required).toBe(false);
  });

  it('reports keywords it cannot emit instead of dropping them', () => {
    const { diagnostics } = modelOf(
      withSchemas({ N: { not: { type: 'string' } }, P: { type: 'object', patternProperties: { '^x': {} } } }),
    );
    expect(diagnostics.map((d) => [d.code, d.severity, d.pointer])).toStrictEqual([
      ['keyword-unsupported', 'error', '#/components/schemas/N/not'],
      ['keyword-unsupported', 'error', '#/components/schemas/P/patternProperties'],
    ]);
  });

  it('two schemas that map to one type name are a diagnostic', () => {
    const { diagnostics } = modelOf(
      withSchemas({ 'call-control_Error': { type: 'string' }, CallControlError: { type: 'string' } }),
    );
    expect(diagnostics.map((d) => [d.code, d.pointer])).toStrictEqual([
      ['name-collision', '#/components/schemas/CallControlError'],
    ]);
  });

  it('refuses operations the client cannot send (only POST with a JSON body)', () => {
    const doc = withSchemas({}) as { paths: Record<string, unknown> };
    doc.paths['/calls/{id}'] = {
      get: {
        operationId: 'GetCall',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    };
    const { diagnostics } = modelOf(doc);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.pointer])).toStrictEqual([
      ['method-unsupported', '#/paths/~1calls~1{id}/get'],
    ]);
  });
});
