/**
 * A throwaway copy of the project's inputs for spec:update to work on (spec/ and generated/ in
 * a temp folder), so no test ever rewrites the real ones, and the CLI run as a user runs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../generator/cli/write.ts';
import { setPackageVersion } from '../../generator/update/version.ts';
import { NAMING_PATH, ROOT, tempDir } from '../helpers/generate.ts';

export const FRAGMENTS = join(ROOT, 'test/fixtures/fragments');
/** The real update the tests replay: February's fragment, then July's (both committed fixtures). */
export const FEB = join(FRAGMENTS, 'voice-media-2026-02-26-f729e1f.yaml');
export const JULY = join(FRAGMENTS, 'voice-media-2026-07-04-a36e80a.yaml');

/**
 * The tests' own extract config: the seven actions and seven webhooks both fixtures hold, so the
 * tests do not move when spec/extract.config.yaml grows.
 */
export const EXTRACT_CONFIG = `output: voice-media.yaml
operations:
${['StartCallPlayback', 'StopCallPlayback', 'PauseCallRecording', 'ResumeCallRecording', 'StartCallRecord', 'StopCallRecording', 'SpeakCall'].map((id) => `  - operationId: ${id}`).join('\n')}
webhooks:
${['callPlaybackStarted', 'callPlaybackEnded', 'callRecordingError', 'callRecordingSaved', 'callRecordingTranscriptionSaved', 'callSpeakStarted', 'callSpeakEnded'].map((w) => `  - ${w}`).join('\n')}
`;

export const CHANGELOG = '# Changelog\n\nNewest first.\n\n## 0.1.0\n\nFirst release.\n';

/** A project folder holding `fragment` as its spec, at `version`, with generated/ made from it. */
export function makeProject(fragment: string, version: string): string {
  const dir = tempDir('spec-update');
  mkdirSync(join(dir, 'spec'));
  writeFileSync(join(dir, 'spec/extract.config.yaml'), EXTRACT_CONFIG);
  writeFileSync(
    join(dir, 'spec/naming.yaml'),
    setPackageVersion(readFileSync(NAMING_PATH, 'utf8'), version, 'naming'),
  );
  writeFileSync(join(dir, 'spec/CHANGELOG.md'), CHANGELOG);
  cpSync(fragment, join(dir, 'spec/voice-media.yaml'));
  const run = generateInto(dir);
  if (run.status !== 0) throw new Error(`generating the starting state failed:\n${run.stderr}`);
  return dir;
}

/** `npm run generate` on a project folder; `--check` to see whether generated/ is fresh. */
export function generateInto(dir: string, ...extra: string[]) {
  const args = ['--spec', join(dir, 'spec/voice-media.yaml'), '--naming', join(dir, 'spec/naming.yaml')];
  return spawnSync(
    process.execPath,
    [join(ROOT, 'generator/cli/run.mjs'), ...args, '--out', join(dir, 'generated'), ...extra],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
}

export function copyProject(from: string): string {
  const dir = tempDir('spec-update');
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** Every file of the project (spec/ and generated/) with its text. */
export function projectFiles(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run spec:update` through tsx, asynchronously: a test's own loopback server has to answer
 * while the child runs.
 */
export function runUpdate(project: string, args: string[]): Promise<Run> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      join(ROOT, 'generator/update/cli.ts'),
      '--project',
      project,
      ...args,
    ],
    { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}
