/**
 * `spec:update --from <URL>` against a real HTTP server on 127.0.0.1, on the way back from July
 * to February: a breaking update (two request variants removed) at version 1.x, so a major
 * release, and `--fail-on breaking` exits 1 after writing it. Then what must write nothing: a
 * source that is not a spec, and a spec the generator refuses (the inputs are put back).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, FEB, JULY, makeProject, projectFiles, runUpdate } from './helpers.ts';

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

/** July's fragment with one path template naming a parameter the operation does not define. */
const UNDEFINED_PATH_PARAM = readFileSync(JULY, 'utf8').replace(
  '/calls/{call_control_id}/actions/speak:',
  '/calls/{call_control_id}/actions/speak/{extra}:',
);

let server: Server;
let base: string;
let july: string;
beforeAll(async () => {
  const bodies: Record<string, string> = {
    '/feb/spec3.yml': readFileSync(FEB, 'utf8'),
    '/broken/spec3.yml': UNDEFINED_PATH_PARAM,
    '/not-a-spec/spec3.yml': 'openapi: 3.1.0\ninfo: { title: x, version: "1" }\n',
  };
  server = createServer((req, res) => {
    const body = bodies[req.url ?? ''];
    if (body === undefined) res.writeHead(404).end();
    else res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  july = makeProject(JULY, '1.4.2');
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('spec:update, July → February over HTTP', () => {
  let project: string;
  let run: Awaited<ReturnType<typeof runUpdate>>;
  beforeAll(async () => {
    project = copyProject(july);
    run = await runUpdate(project, ['--from', `${base}/feb/spec3.yml`, '--fail-on', 'breaking']);
  });

  it('writes the update, then exits 1 because of --fail-on breaking', () => {
    noStackTrace(run.stderr);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^## Spec update: `telnyx-voice-media` 1\.4\.2 → 2\.0\.0 \(major\)\n\nMajor release: breaking changes\.\n/,
    );
    expect(run.stdout).toContain(`→ \`${base}/feb/spec3.yml\``);
    expect(run.stdout).toContain('- removed `generated/src/guards/XAIVoiceSettings.ts`');
  });

  it('names the URL in the fragment header, and makes a major release', () => {
    expect(read(project, 'spec/voice-media.yaml')).toMatch(
      new RegExp(
        `^# Extracted from ${base}/feb/spec3\\.yml \\(sha256:[0-9a-f]{64}\\) by \`npm run spec:extract\`\\.\n`,
      ),
    );
    expect(read(project, 'spec/naming.yaml')).toMatch(/^ {2}version: 2\.0\.0$/m);
    expect(JSON.parse(read(project, 'generated/package.json')).version).toBe('2.0.0');
  });

  it('puts the breaking changes first in the undated changelog entry', () => {
    const changelog = read(project, 'spec/CHANGELOG.md');
    expect(changelog).toContain(
      '## 2.0.0\n\nBuilt from Telnyx API 2.0.0, extracted from ' +
        `${base}/feb/spec3.yml.\n\nMajor release: breaking changes.\n\n### Breaking changes\n\n` +
        '- `calls.actions.speak`, request `voice_settings`: variant `inworld` (`InworldVoiceSettings`) removed; variant `xai` (`XAIVoiceSettings`) removed\n',
    );
  });
});

describe('spec:update writes nothing when', () => {
  it('the source is not a spec it can extract from', async () => {
    const project = copyProject(july);
    const before = projectFiles(project);
    const run = await runUpdate(project, ['--from', `${base}/not-a-spec/spec3.yml`]);
    noStackTrace(run.stderr);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error not-openapi: the source has no `paths` object (at #/paths)');
    expect(run.stderr).toContain('spec:update: nothing was written.');
    expect(run.stdout).toBe('');
    expect(projectFiles(project)).toStrictEqual(before);
  });

  it('the URL cannot be fetched', async () => {
    const project = copyProject(july);
    const run = await runUpdate(project, ['--from', `${base}/missing.yml`]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`spec:update: GET ${base}/missing.yml answered 404 Not Found`);
  });

  it('the generator refuses the new spec: the inputs are put back as they were', async () => {
    const project = copyProject(july);
    const before = projectFiles(project);
    const run = await runUpdate(project, ['--from', `${base}/broken/spec3.yml`]);
    noStackTrace(run.stderr);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('path-parameters-defined');
    expect(run.stderr).toContain(
      'spec:update: generation failed; the spec, naming config and changelog were put back.',
    );
    expect(run.stdout).toBe('');
    expect(projectFiles(project)).toStrictEqual(before);
  });

  it('the arguments are wrong', async () => {
    const run = await runUpdate(july, ['--from', JULY, '--fail-on', 'sometimes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'spec:update: --fail-on must be breaking, narrowing or any, not "sometimes"',
    );
    const noFrom = await runUpdate(july, []);
    expect(noFrom.stderr).toContain('spec:update: --from is required\nusage: npm run spec:update -- --from');
  });
});
