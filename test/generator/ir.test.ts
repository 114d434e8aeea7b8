/** The intermediate model, checked with exact literals: names, optionality, docs and shapes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildModel } from '../../generator/ir/build.ts';
import { resourceSymbols } from '../../generator/ir/symbols.ts';
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

  it('has the seven media actions with names from the naming config', () => {
    expect(
      model.operations.slice(0, 7).map((o) => [
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

  it('has the operations around them: lifecycle, media storage and recordings, each in its shape', () => {
    const shape = (o: (typeof model.operations)[number]) => [
      `${o.httpMethod.toUpperCase()} ${o.path}`,
      `${o.resource}.${o.methodName}`,
      o.params.map((p) => `${p.in}:${p.name}${p.style ? `(${p.style})` : ''}`).join(' '),
      o.body?.variants.map((v) => `${v.kind}:${v.schemaName ?? ''}`).join(' ') ?? '',
      `${o.response.kind}:${o.response.schemaNames.join('|')}`,
      o.pagination?.kind ?? '',
    ];
    expect(model.operations.slice(7).map(shape)).toStrictEqual([
      ['POST /calls/{call_control_id}/actions/answer', 'calls.actions.answer', '', 'json:AnswerRequest', 'json:CallControlCommandResponseWithRecordingID', ''],
      ['POST /calls/{call_control_id}/actions/hangup', 'calls.actions.hangup', '', 'json:HangupRequest', 'json:CallControlCommandResponse', ''],
      ['POST /calls/{call_control_id}/actions/gather_using_speak', 'calls.actions.gatherUsingSpeak', '', 'json:GatherUsingSpeakRequest', 'json:CallControlCommandResponse', ''],
      ['POST /calls/{call_control_id}/actions/gather_using_audio', 'calls.actions.gatherUsingAudio', '', 'json:GatherUsingAudioRequest', 'json:CallControlCommandResponse', ''],
      ['GET /media', 'media.list', 'query:filter(deepObject)', '', 'json:ListOfMediaResourcesResponse', ''],
      ['POST /media', 'media.upload', '', 'json:UploadMediaRequest multipart:UploadMediaMultipartRequest', 'json:MediaResourceResponse', ''],
      ['GET /media/{media_name}', 'media.retrieve', '', '', 'json:MediaResourceResponse', ''],
      ['PUT /media/{media_name}', 'media.update', '', 'json:UpdateMediaRequest multipart:UpdateMediaMultipartRequest', 'json:MediaResourceResponse', ''],
      ['DELETE /media/{media_name}', 'media.delete', '', '', 'empty:', ''],
      ['GET /media/{media_name}/download', 'media.download', '', '', 'binary:', ''],
      ['GET /recordings', 'recordings.list', 'query:page(deepObject) query:filter(deepObject)', '', 'json:GetRecordingsResponse', 'page-number'],
      ['GET /recordings/{recording_id}', 'recordings.retrieve', '', '', 'json:RecordingResponse', ''],
      ['DELETE /recordings/{recording_id}', 'recordings.delete', '', '', 'json:RecordingResponse', ''],
      ['POST /recordings/actions/delete', 'recordings.actions.delete', '', 'json:DeleteRecordingsRequest', 'json:DeleteRecordingsResponse', ''],
      ['GET /recording_transcriptions', 'recordingTranscriptions.list', 'query:page(deepObject) query:filter(deepObject)', '', 'json:GetRecordingTranscriptionsResponse', 'cursor'],
      ['GET /recording_transcriptions/{recording_transcription_id}', 'recordingTranscriptions.retrieve', '', '', 'json:GetRecordingTranscriptionResponse', ''],
      ['DELETE /recording_transcriptions/{recording_transcription_id}', 'recordingTranscriptions.delete', '', '', 'json:DeleteRecordingTranscriptionResponse', ''],
    ]);
    const recordings = model.operations.find((o) => o.operationId === 'GetRecordings')!;
    expect(recordings.pagination).toStrictEqual({
      kind: 'page-number',
      items: ['data'],
      pageNumber: ['meta', 'page_number'],
      totalPages: ['meta', 'total_pages'],
      param: ['page', 'number'],
    });
    const transcriptions = model.operations.find((o) => o.operationId === 'getRecordingTranscriptions')!;
    expect(transcriptions.pagination).toStrictEqual({
      kind: 'cursor',
      items: ['data'],
      nextCursor: ['meta', 'cursors', 'after'],
      param: ['page', 'after'],
    });
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

  it('names the webhook events by their single event_type value', () => {
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
      ['callInitiated', 'call.initiated', 'CallInitiatedEvent', 'CallInitiated'],
      ['callAnswered', 'call.answered', 'CallAnsweredEvent', 'CallAnswered'],
      ['callHangup', 'call.hangup', 'CallHangupEvent', 'CallHangup'],
      ['callGatherEnded', 'call.gather.ended', 'CallGatherEndedEvent', 'CallGatherEnded'],
      ['callDtmfReceived', 'call.dtmf.received', 'CallDtmfReceivedEvent', 'CallDtmfReceived'],
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

  it('hoists inline bodies and responses to names, one per shape, and names each params object', () => {
    const hoisted = model.schemas.filter((s) => s.origin === 'inline-response').map((s) => s.typeName);
    // The seven media actions share one inline 200 response: one type, not seven.
    expect(hoisted).toStrictEqual([
      'CallControlCommandResponse',
      'CallControlCommandResponseWithRecordingID',
      'DeleteRecordingTranscriptionResponse',
      'DeleteRecordingsRequest',
      'DeleteRecordingsResponse',
      'GetRecordingTranscriptionResponse',
      'GetRecordingTranscriptionsResponse',
      'GetRecordingsResponse',
      'ListOfMediaResourcesResponse',
      'MediaResourceResponse',
    ]);
    const params = model.schemas.filter((s) => s.origin === 'parameters').map((s) => s.typeName);
    expect(params).toStrictEqual([
      'GetRecordingTranscriptionPathParams',
      'GetRecordingTranscriptionsParams',
      'GetRecordingsParams',
      'ListMediaStorageParams',
    ]);
  });

  it('checks a constrained path parameter, with one schema for the operations of its path', () => {
    const byId = new Map(model.operations.map((o) => [o.operationId, o]));
    expect(byId.get('getRecordingTranscription')!.pathParamsSchemaName).toBe('GetRecordingTranscriptionPathParams');
    expect(byId.get('deleteRecordingTranscription')!.pathParamsSchemaName).toBe('GetRecordingTranscriptionPathParams');
    // A plain string id is left to the runtime's non-empty check.
    expect(byId.get('GetRecording')!.pathParamsSchemaName).toBeUndefined();
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
      ['call-recordings_CursorPaginationMeta', 'CallRecordingsCursorPaginationMeta'],
      ['call-recordings_Error', 'CallRecordingsError'],
      ['call-recordings_Errors', 'CallRecordingsErrors'],
      ['media-storage_Error', 'MediaStorageError'],
      ['media-storage_Errors', 'MediaStorageErrors'],
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

  it('reads every method, parameter place and style, body kind and response kind', () => {
    const doc = withSchemas({}) as { paths: Record<string, unknown> };
    const param = (name: string, place: string, extra: object = {}) => ({ name, in: place, schema: { type: 'string' }, ...extra });
    doc.paths['/things/{thing_id}'] = {
      parameters: [param('thing_id', 'path', { required: true }), param('X-Trace', 'header')],
      get: { operationId: 'GetThing', parameters: [param('fields', 'query', { style: 'form', explode: false })], responses: { '200': { description: 'ok', content: { 'text/plain': { schema: { type: 'string' } } } } } },
      head: { operationId: 'HeadThing', responses: { '204': { description: 'none' } } },
      put: {
        operationId: 'PutThing',
        parameters: [param('X-Trace', 'header', { required: true }), param('session', 'cookie')],
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { a: { type: 'string' } } } } } },
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } }, '204': { description: 'none' } },
      },
      patch: { operationId: 'PatchThing', requestBody: { content: { 'application/octet-stream': {} } }, responses: { '200': { description: 'ok', content: { 'application/pdf': {} } } } },
      delete: { operationId: 'DeleteThing', responses: { '204': { description: 'none' } } },
    };
    const { model, diagnostics } = modelOf(doc);
    expect(diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(diagnostics.filter((d) => d.code === 'name-collision').map((d) => d.message)).toStrictEqual([
      'PatchThing would be things.update, taken by PutThing; it is generated as things.patchThing',
    ]);
    expect(
      model.operations.map((o) => [
        `${o.httpMethod} ${o.resource}.${o.methodName}`,
        o.pathParams.map((p) => p.name).join(),
        o.params.map((p) => `${p.in}:${p.name}:${p.required}:${p.style ?? ''}:${p.explode ?? ''}`).join(' '),
        o.body?.variants.map((v) => `${v.kind}:${v.contentType}`).join() ?? '',
        `${o.response.kind}${o.response.mayBeEmpty ? '?' : ''}`,
      ]),
    ).toStrictEqual([
      ['get things.retrieve', 'thing_id', 'header:X-Trace:false:: query:fields:false:form:false', '', 'text'],
      ['put things.update', 'thing_id', 'header:X-Trace:true:: cookie:session:false::', 'form:application/x-www-form-urlencoded', 'json?'],
      ['delete things.delete', 'thing_id', 'header:X-Trace:false::', '', 'empty'],
      ['head things.head', 'thing_id', 'header:X-Trace:false::', '', 'empty'],
      // `update` is taken by PUT, so PATCH falls back to its operationId, with a warning.
      ['patch things.patchThing', 'thing_id', 'header:X-Trace:false::', 'binary:application/octet-stream', 'binary'],
    ]);
  });

  it('escapes method and resource names that would break a JavaScript object', () => {
    const doc = withSchemas({}) as { paths: Record<string, unknown> };
    for (const name of ['then', 'constructor', '__proto__', 'toString', 'valueOf', 'client'])
      doc.paths[`/${name}/{id}/actions/${name}`] = { post: { operationId: `op_${name}`, responses: { '204': { description: 'ok' } } } };
    const { model } = modelOf(doc);
    expect(model.operations.map((o) => `${o.resource}.${o.methodName}`)).toStrictEqual([
      'then_.actions.then_',
      'constructor_.actions.constructor_',
      'proto.actions.proto',
      'toString_.actions.toString_',
      'valueOf_.actions.valueOf_',
      'client_.actions.client_',
    ]);
  });
});

describe('pagination named in the naming config', () => {
  const doc = parse(readFileSync(SPEC_PATH, 'utf8'));
  const pageByNumber = {
    kind: 'page-number',
    items: ['data'],
    pageNumber: ['meta', 'page_number'],
    totalPages: ['meta', 'total_pages'],
    param: ['page[number]'],
  };

  it('overrides what the shape says: a scheme where none shows, none where one does', () => {
    const raw = { ...parse(readFileSync(NAMING_PATH, 'utf8')), pagination: { ListMediaStorage: pageByNumber, GetRecordings: false } };
    const config = checkNamingConfig(raw, 'naming.yaml');
    expect(config.diagnostics).toEqual([]);
    const { model } = buildModel({ document: doc, naming: config.config!, specFile: 't', specHash: 'x' });
    const byId = new Map(model.operations.map((o) => [o.operationId, o]));
    expect(byId.get('ListMediaStorage')!.pagination).toEqual(pageByNumber);
    expect(byId.get('GetRecordings')!.pagination).toBeUndefined();
    expect(byId.get('getRecordingTranscriptions')!.pagination?.kind).toBe('cursor');
  });

  it('refuses a scheme it cannot use, with its place in the config', () => {
    const raw = { ...parse(readFileSync(NAMING_PATH, 'utf8')), pagination: { GetRecordings: { kind: 'page-number', items: 'data' } } };
    const { diagnostics } = checkNamingConfig(raw, 'naming.yaml');
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([['naming-config-invalid', '#/pagination/GetRecordings']]);
  });
});

describe('the naming config: package.clientClass', () => {
  const withClient = (clientClass: string) => {
    const raw = parse(readFileSync(NAMING_PATH, 'utf8'));
    return checkNamingConfig({ ...raw, package: { ...raw.package, clientClass } }, 'naming.yaml').diagnostics.map((d) => d.message);
  };

  it('refuses a name whose derived names are the runtime’s (Client → ClientOptions), or no identifier', () => {
    expect(withClient('Client')).toEqual([
      'package.clientClass Client would declare ClientOptions, a name the package runtime already exports',
    ]);
    expect(withClient('Page')).toEqual(['package.clientClass Page would declare Page, a name the package runtime already exports']);
    expect(withClient('my-client')).toEqual(['package.clientClass must be a PascalCase identifier, got "my-client"']);
    expect(withClient('Acme')).toEqual([]);
  });
});

describe('resource module names', () => {
  it('are the resource path in lower case, without the underscores of escaped names', () => {
    expect(resourceSymbols('calls.actions')).toEqual({ className: 'CallsActions', file: 'calls-actions' });
    expect(resourceSymbols('_10dlc.brand').file).toBe('10dlc-brand');
    expect(resourceSymbols('then_.actions').file).toBe('then-actions');
  });
});
