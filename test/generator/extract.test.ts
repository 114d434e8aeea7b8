/**
 * `npm run spec:extract`: the small fixture byte for byte (library and CLI), what is left behind,
 * the error paths, and — where Telnyx's full specs are checked out next to the project — that the
 * committed fragments are exactly what extraction produces today.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parsePointer } from '../../generator/core/diagnostics.ts';
import { extractFragment, type ExtractConfig } from '../../generator/extract/extract.ts';
import { loadSpecText } from '../../generator/core/load.ts';

const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string) => join(root, 'test/fixtures/extract', name);
const shared = resolve(root, '../shared/telnyx-openapi');
const tmp = mkdtempSync(join(tmpdir(), 'extract-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Json = Record<string, any>;
const readConfig = (path: string) => parse(readFileSync(path, 'utf8')) as ExtractConfig;

/** Same steps as the CLI: the sha256 and file name in the header come from loadSpecText. */
function extractFile(specPath: string, config: ExtractConfig, configFile?: string) {
  const loaded = loadSpecText(readFileSync(specPath, 'utf8'), basename(specPath));
  expect(loaded.diagnostics).toEqual([]);
  const source = { fileName: loaded.fileName, sha256: loaded.sha256 };
  return extractFragment(loaded.document, config, configFile ? { ...source, configFile } : source);
}

const runCli = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'generator/extract/cli.ts', ...args], { cwd: root, encoding: 'utf8' });

/** Every `$ref` (and discriminator mapping, also a reference) with the pointer it sits at. */
function refsOf(value: unknown, at = '#'): Array<{ ref: string; at: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => refsOf(v, `${at}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  const own = Object.entries(value as Json).flatMap(([k, v]) => {
    if (k === '$ref' && typeof v === 'string') return [{ ref: v, at }];
    if (k === 'mapping' && typeof v === 'object')
      return Object.values(v).map((ref) => ({ ref: String(ref), at }));
    return [];
  });
  return [...own, ...Object.entries(value as Json).flatMap(([k, v]) => refsOf(v, `${at}/${k}`))];
}

function resolvePointer(doc: unknown, pointer: string): unknown {
  return parsePointer(pointer).reduce<unknown>(
    (node, token) => (typeof node === 'object' && node !== null ? (node as Json)[token] : undefined),
    doc,
  );
}

function expectRefsResolve(doc: unknown): void {
  const refs = refsOf(doc);
  expect(refs.length).toBeGreaterThan(0);
  const dangling = refs.filter(({ ref }) => !ref.startsWith('#/') || resolvePointer(doc, ref) === undefined);
  expect(dangling).toEqual([]);
}

describe('extract: small fixture', () => {
  const expected = readFileSync(fixture('expected.yaml'), 'utf8');

  it('extractFragment reproduces expected.yaml byte for byte', () => {
    const result = extractFile(
      fixture('full-spec.yaml'),
      readConfig(fixture('config.yaml')),
      'test/fixtures/extract/config.yaml',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.text).toBe(expected);
  });

  it('the CLI writes the same bytes and exits 0', () => {
    const out = join(tmp, 'cli-out.yaml');
    const run = runCli('--from', fixture('full-spec.yaml'), '--config', fixture('config.yaml'), '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(expected);
  });

  it('leaves behind what was not asked for, nor reached', () => {
    const doc = parse(expected) as Json;
    expect(Object.keys(doc.paths)).toEqual([
      '/calls/{call_control_id}/actions/speak',
      '/calls/{call_control_id}/actions/record_pause',
    ]);
    expect(Object.keys(doc.paths['/calls/{call_control_id}/actions/record_pause'])).toEqual(['post']);
    expect(Object.keys(doc.webhooks)).toEqual(['callSpeakEnded']);
    expect(Object.keys(doc.components.parameters)).toEqual(['CallControlId']);
    expect(Object.keys(doc.components.responses)).toEqual(['CommandResponse']);
    expect(Object.keys(doc.components.schemas)).not.toContain('NotReached');
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['bearerAuth']);
    expect(doc.tags).toEqual([{ name: 'Call Commands' }]);
    expect(expected).not.toMatch(/HangupCall|NotWantedGet|callHangup|otherAuth|Unused|NotReached/);
  });

  it('every $ref in the output resolves inside the output', () => {
    expectRefsResolve(parse(expected));
  });
});

describe('extract: errors', () => {
  const loaded = loadSpecText(readFileSync(fixture('full-spec.yaml'), 'utf8'), 'full-spec.yaml');
  const source = { fileName: loaded.fileName, sha256: loaded.sha256 };

  it('an unknown operationId, path or webhook is extract-not-found at its config entry', () => {
    const config: ExtractConfig = {
      operations: [
        { operationId: 'SpeakCall' },
        { operationId: 'NoSuchOperation' },
        { path: '/no/such/path' },
      ],
      webhooks: ['callSpeakEnded', 'noSuchWebhook'],
    };
    const { diagnostics } = extractFragment(loaded.document, config, source);
    expect(diagnostics.map(({ code, severity, pointer }) => ({ code, severity, pointer }))).toEqual([
      { code: 'extract-not-found', severity: 'error', pointer: '#/operations/1' },
      { code: 'extract-not-found', severity: 'error', pointer: '#/operations/2' },
      { code: 'extract-not-found', severity: 'error', pointer: '#/webhooks/1' },
    ]);
    expect(diagnostics[0]!.message).toContain('NoSuchOperation');
    expect(diagnostics[2]!.message).toContain('noSuchWebhook');
  });

  it('a $ref to a missing component is ref-unresolved where the $ref is', () => {
    const broken = structuredClone(loaded.document) as Json;
    broken.components.schemas.SpeakRequest.properties.loop.$ref = '#/components/schemas/Missing';
    const { diagnostics } = extractFragment(broken, readConfig(fixture('config.yaml')), source);
    expect(diagnostics).toMatchObject([
      {
        code: 'ref-unresolved',
        severity: 'error',
        pointer: '#/components/schemas/SpeakRequest/properties/loop/$ref',
      },
    ]);
  });

  it('the CLI exits 1 and leaves the output untouched on an extract-not-found', () => {
    const config = join(tmp, 'bad-config.yaml');
    writeFileSync(config, stringify({ operations: [{ operationId: 'NoSuchOperation' }], webhooks: [] }));
    const out = join(tmp, 'not-written.yaml');
    const run = runCli('--from', fixture('full-spec.yaml'), '--config', config, '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('extract-not-found');
    expect(existsSync(out)).toBe(false);
  });

  it('the CLI exits 1 and leaves an existing output untouched on a ref-unresolved', () => {
    const spec = join(tmp, 'broken-spec.yaml');
    writeFileSync(
      spec,
      readFileSync(fixture('full-spec.yaml'), 'utf8').replace("schemas/Loopcount'", "schemas/Gone'"),
    );
    const out = join(tmp, 'kept.yaml');
    writeFileSync(out, 'previous contents\n');
    const run = runCli('--from', spec, '--config', fixture('config.yaml'), '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ref-unresolved');
    expect(readFileSync(out, 'utf8')).toBe('previous contents\n');
  });
});

describe('extract: OpenAPI 3.0, events as operation callbacks', () => {
  const event = (schema: string) => ({
    '{$request.body#/webhook_url}': {
      post: {
        requestBody: {
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
  });
  const full = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/a': { post: { operationId: 'A', callbacks: { evX: event('X'), evY: event('Y') }, responses: {} } },
      '/b': { post: { operationId: 'B', callbacks: { evZ: event('Z') }, responses: {} } },
    },
    components: { schemas: { X: { type: 'object' }, Y: { type: 'object' }, Z: { type: 'object' } } },
  };
  const source = { fileName: 'full.yaml', sha256: '0' };

  it('a configured webhook is kept as the callback of a selected operation; other callbacks go', () => {
    const result = extractFragment(full, { operations: [{ operationId: 'A' }], webhooks: ['evX'] }, source);
    expect(result.diagnostics).toEqual([]);
    const doc = parse(result.text) as Json;
    expect(doc.webhooks).toBeUndefined();
    expect(Object.keys(doc.paths['/a'].post.callbacks)).toEqual(['evX']);
    expect(Object.keys(doc.components.schemas)).toEqual(['X']);
    // The source is not changed by the pruning.
    expect(Object.keys(full.paths['/a'].post.callbacks)).toEqual(['evX', 'evY']);
  });

  it('a webhook that only an unselected operation carries is extract-not-found', () => {
    const result = extractFragment(
      full,
      { operations: [{ operationId: 'A' }], webhooks: ['evX', 'evZ'] },
      source,
    );
    expect(result.diagnostics).toMatchObject([
      { code: 'extract-not-found', severity: 'error', pointer: '#/webhooks/1' },
    ]);
    expect(result.diagnostics[0]!.message).toBe(
      "webhook evZ is neither in the source spec's webhooks nor a callback of a selected operation",
    );
  });
});

describe('extract: the committed voice-media fragment', () => {
  const text = readFileSync(join(root, 'spec/voice-media.yaml'), 'utf8');
  const doc = parse(text) as Json;
  // The seven media actions as they were before the fragment grew, cut with the frozen config.
  const mediaActions = parse(readFileSync(join(root, 'test/fixtures/specs/voice-media-2026-07-16.yaml'), 'utf8')) as Json;

  it('holds the configured operations and webhooks, and nothing else', () => {
    const ids = Object.values<Json>(doc.paths).flatMap((item) =>
      Object.values<Json>(item).flatMap((op) => (typeof op.operationId === 'string' ? [op.operationId] : [])),
    );
    expect(ids.sort()).toEqual(
      [
        'StartCallPlayback',
        'StopCallPlayback',
        'PauseCallRecording',
        'ResumeCallRecording',
        'StartCallRecord',
        'StopCallRecording',
        'SpeakCall',
        'AnswerCall',
        'HangupCall',
        'GatherUsingSpeak',
        'GatherUsingAudio',
        'ListMediaStorage',
        'CreateMediaStorage',
        'GetMediaStorage',
        'UpdateMediaStorage',
        'DeleteMediaStorage',
        'DownloadMedia',
        'GetRecordings',
        'GetRecording',
        'DeleteRecording',
        'DeleteRecordings',
        'getRecordingTranscriptions',
        'getRecordingTranscription',
        'deleteRecordingTranscription',
      ].sort(),
    );
    expect(Object.keys(doc.webhooks)).toHaveLength(12);
    expect(Object.keys(doc.webhooks).sort()).toEqual(
      [...readConfig(join(root, 'spec/extract.config.yaml')).webhooks].sort(),
    );
  });

  // In the media actions' fragment, 19 schemas are reachable from the request bodies (7 *Request,
  // Loopcount, TranscriptionLanguage, the 9 voice-settings variants and ResembleSampleRate); the
  // other 17 of its 36 schemas come from the webhooks and the responses.
  it('request bodies reach 19 of the 36 component schemas of the media actions', () => {
    const reached = new Set<string>();
    const queue: unknown[] = Object.values<Json>(mediaActions.paths).map((item) => item.post.requestBody);
    while (queue.length > 0) {
      for (const { ref } of refsOf(queue.shift())) {
        const name = ref.replace('#/components/schemas/', '');
        if (name === ref || reached.has(name)) continue;
        reached.add(name);
        queue.push(mediaActions.components.schemas[name]);
      }
    }
    expect(reached.size).toBe(19);
    expect(Object.keys(mediaActions.components.schemas)).toHaveLength(36);
  });

  it('every $ref in the committed fragments resolves inside them', () => {
    expectRefsResolve(doc);
    expectRefsResolve(mediaActions);
    expectRefsResolve(
      parse(readFileSync(join(root, 'test/fixtures/specs/voice-media-2026-02-26.yaml'), 'utf8')),
    );
  });
});

describe.skipIf(!existsSync(shared))('extract: Telnyx full specs (../shared/telnyx-openapi)', () => {
  const FROZEN = 'test/fixtures/specs/media-actions.extract.yaml';
  const cases = [
    ['spec3-2026-07-16.yml', 'spec/voice-media.yaml', 'spec/extract.config.yaml'],
    ['spec3-2026-07-16.yml', 'test/fixtures/specs/voice-media-2026-07-16.yaml', FROZEN],
    ['spec3-2026-02-26.yml', 'test/fixtures/specs/voice-media-2026-02-26.yaml', FROZEN],
  ] as const;
  it.each(cases)('%s reproduces %s byte for byte (%s)', { timeout: 60_000 }, (full, committed, configFile) => {
    const result = extractFile(join(shared, full), readConfig(join(root, configFile)));
    expect(result.diagnostics).toEqual([]);
    expect(result.text).toBe(readFileSync(join(root, committed), 'utf8'));
  });

  it(
    'the CLI reproduces the scale fixture from its own config, and names that config in the header',
    { timeout: 120_000 },
    () => {
      const out = join(tmp, 'call-control.yaml');
      const configFile = 'test/fixtures/specs/call-control.extract.yaml';
      const run = runCli(
        '--from',
        join(shared, 'spec3-2026-07-16.yml'),
        '--config',
        configFile,
        '--out',
        out,
      );
      expect(run.status, run.stderr).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text).toBe(readFileSync(join(root, 'test/fixtures/specs/call-control.yaml'), 'utf8'));
      expect(text.split('\n')[1]).toBe(`# DO NOT EDIT: change ${configFile} and extract again.`);
    },
  );
});
