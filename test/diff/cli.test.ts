/**
 * `spec:diff` end to end, as CI runs it: a child process per case, checking stdout, stderr and
 * the exit code. The git-revision case uses a throwaway repository in the OS temp directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiChange } from '../../generator/diff/types.ts';

const root = resolve(import.meta.dirname, '../..');
const CLI = resolve(root, 'generator/diff/cli.ts');
// The project's own tsx, as `npx tsx` finds it from the project root; the git case runs elsewhere.
const TSX = resolve(root, 'node_modules/.bin/tsx');
const OLD = resolve(root, 'test/fixtures/specs/voice-media-2026-02-26.yaml');
const NEW = resolve(root, 'test/fixtures/specs/voice-media-2026-07-16.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'spec-diff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Git must only ever see the temporary repository, whatever the test runner inherited.
const { GIT_DIR: _dir, GIT_WORK_TREE: _tree, GIT_INDEX_FILE: _index, ...env } = process.env;

function run(args: string[], cwd = root) {
  const r = spawnSync(TSX, [CLI, ...args], { cwd, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeTmp(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

describe('spec:diff CLI', () => {
  it('prints the Markdown report and exits 0', () => {
    const r = run([OLD, NEW]);
    expect(r.code).toBe(0);
    // Four changes in three rows: the two new providers share the `voice_settings` row.
    expect(r.stdout).toContain('**0 breaking** · **0 narrowing** · **3 compatible**');
    expect(r.stdout).toContain('variant `inworld` (`InworldVoiceSettings`) added');
  });

  it('labels each side by what it is, never by an absolute path', () => {
    // Given as absolute paths, from the project root: the paths from there, and what the specs say.
    const heading = run([OLD, NEW]).stdout.split('\n')[0];
    expect(heading).toBe(
      '## API changes: `test/fixtures/specs/voice-media-2026-02-26.yaml` (Telnyx API 2.0.0, extracted from spec3-2026-02-26.yml)' +
        ' → `test/fixtures/specs/voice-media-2026-07-16.yaml` (Telnyx API 2.0.0, extracted from spec3-2026-07-16.yml)',
    );
    // From elsewhere, a file outside the working directory is named by its file name alone.
    const outside = run([OLD, NEW], tmp).stdout;
    expect(outside.split('\n')[0]).toMatch(
      /^## API changes: `voice-media-2026-02-26\.yaml` \(.*\) → `voice-media-2026-07-16\.yaml` \(/,
    );
    expect(outside).not.toContain(root);
  });

  it('prints ApiChange[] as JSON with --json', () => {
    const r = run([OLD, NEW, '--json']);
    expect(r.code).toBe(0);
    const changes = JSON.parse(r.stdout) as ApiChange[];
    expect(changes.map((c) => [c.kind, c.class, c.path])).toEqual([
      ['docs-changed', 'compatible', 'voice'],
      ['variant-added', 'compatible', 'voice_settings'],
      ['variant-added', 'compatible', 'voice_settings'],
      ['docs-changed', 'compatible', 'voice_settings[TelnyxVoiceSettings].voice_speed'],
    ]);
  });

  it('--fail-on exits 1 only when a change at that level or above exists', () => {
    expect(run([OLD, NEW, '--fail-on', 'breaking']).code).toBe(0);
    expect(run([OLD, NEW, '--fail-on', 'narrowing']).code).toBe(0);
    expect(run([OLD, NEW, '--fail-on', 'any']).code).toBe(1);
    // Backwards, the providers are removed from a request: breaking, which narrowing includes.
    expect(run([NEW, OLD, '--fail-on', 'breaking']).code).toBe(1);
    expect(run([NEW, OLD, '--fail-on', 'narrowing', '--json']).code).toBe(1);
  });

  it('--fail-on narrowing catches a new value in a webhook enum, breaking does not', () => {
    const text = readFileSync(NEW, 'utf8');
    const widened = text.replace(
      '                - cancelled\n',
      '                - cancelled\n                - timed_out\n',
    );
    expect(widened).not.toBe(text);
    const file = writeTmp('narrowed.yaml', widened);
    const r = run([NEW, file, '--json', '--fail-on', 'narrowing']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({
        kind: 'enum-value-added',
        class: 'narrowing',
        side: 'webhook',
        subject: { type: 'webhook', name: 'call.playback.ended' },
        path: 'data.payload.status',
        after: 'timed_out',
      }),
    ]);
    expect(run([NEW, file, '--fail-on', 'breaking']).code).toBe(0);
  });

  it('reads REV:PATH sides with git show, from the repository root', () => {
    const repo = mkdtempSync(join(tmp, 'repo-'));
    const git = (...args: string[]) => {
      const r = spawnSync(
        'git',
        ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
        { cwd: repo, env, encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
    };
    git('init', '-q');
    spawnSync('mkdir', ['-p', join(repo, 'spec')]);
    writeFileSync(join(repo, 'spec/voice-media.yaml'), readFileSync(OLD, 'utf8'));
    git('add', '.');
    git('commit', '-q', '-m', 'old');
    writeFileSync(join(repo, 'spec/voice-media.yaml'), readFileSync(NEW, 'utf8'));
    git('commit', '-q', '-am', 'new');

    const r = run(
      ['HEAD~1:spec/voice-media.yaml', 'HEAD:spec/voice-media.yaml', '--json'],
      join(repo, 'spec'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(
      (JSON.parse(r.stdout) as ApiChange[]).filter((c) => c.kind === 'variant-added').map((c) => c.after),
    ).toEqual(['inworld', 'xai']);
    // A working-tree file against a revision works too.
    expect(
      run(['HEAD~1:spec/voice-media.yaml', 'spec/voice-media.yaml', '--fail-on', 'any'], repo).code,
    ).toBe(1);

    const bad = run(['HEAD~5:spec/voice-media.yaml', 'spec/voice-media.yaml'], repo);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'error spec-unreadable: cannot read git revision HEAD~5:spec/voice-media.yaml',
    );
    noStackTrace(bad.stderr);
  });
});

describe('spec:diff CLI errors exit 2 with a message, never a stack trace', () => {
  it.each([
    ['no arguments', [], 'expected two specs'],
    ['one argument', ['a.yaml'], 'expected two specs'],
    ['unknown option', [OLD, NEW, '--frobnicate'], "Unknown option '--frobnicate'"],
    ['bad --fail-on', [OLD, NEW, '--fail-on', 'sometimes'], '--fail-on must be breaking, narrowing or any'],
  ])('%s', (_name, args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('usage: npm run spec:diff');
    expect(r.stdout).toBe('');
    noStackTrace(r.stderr);
  });

  it('a missing file', () => {
    const r = run([OLD, 'nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.yaml error spec-unreadable: no such file: nope.yaml');
  });

  it('invalid YAML, with its line', () => {
    const file = writeTmp('broken.yaml', 'openapi: 3.1.0\npaths:\n  a: [1,\n');
    const r = run([OLD, file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+ error yaml-syntax/);
    noStackTrace(r.stderr);
  });

  it('a document that is not OpenAPI, and one the model cannot be built from', () => {
    const notOpenApi = run([OLD, writeTmp('list.yaml', '- just\n- a list\n')]);
    expect(notOpenApi.code).toBe(2);
    expect(notOpenApi.stderr).toContain('error spec-invalid: not an OpenAPI 3.x document');
    const badRef = readFileSync(NEW, 'utf8').replace(
      '$ref: "#/components/schemas/XAIVoiceSettings"\n',
      '$ref: "#/components/schemas/Nope"\n',
    );
    const r = run([OLD, writeTmp('bad-ref.yaml', badRef)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-ref\.yaml:\d+:\d+ error ref-unsupported/);
    noStackTrace(r.stderr);
  });
});
