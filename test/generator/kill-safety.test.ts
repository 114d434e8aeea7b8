/**
 * `kill -9` during `npm run generate`: real runs of the CLI on the committed spec and on a change
 * of it (a schema renamed, so one guard file is added and one removed, and a description edited),
 * each stopped at a step of the write phase through the CLI's test hook and killed there. After
 * every kill the output folder must hold the old output or the new one, whole; the next run must
 * finish or drop what the killed one left; and at the end no temporary file may remain. Run twice:
 * with the one-step folder exchange (Linux, see generator/cli/exchange.ts), after which the output
 * folder must never be missing, and with the two-rename fallback other systems use.
 */
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exchangeFolders } from '../../generator/cli/exchange.ts';
import { copyProject, readOutput, startCli, type CliProcess } from '../helpers/cli-process.ts';
import { tempDir } from '../helpers/generate.ts';

const project = copyProject();
const committedSpec = join(project, 'spec/voice-media.yaml');
type Side = 'A' | 'B';

/** What is not ours in the output folder, which every run must keep. */
const NOT_OURS: Record<string, string> = { 'dist/index.js': 'built\n', 'node_modules/dep/index.js': 'dep\n' };

/** Where the not-ours files may be after a kill at these steps: in the temporary folder. */
const NOT_OURS_ASIDE = new Set([
  'old output moved aside',
  'new output in place',
  'output folders exchanged',
  'moved back dist',
  'recovery: output folder put back',
  'recovery: moved back dist',
]);

const runs: CliProcess[] = [];
afterAll(async () => {
  await Promise.all(runs.map((r) => r.kill()));
});

/** Whether this system can exchange two folders in one step (Linux on x64 or arm64, with perl). */
function canExchange(): boolean {
  const dir = tempDir('exchange-probe');
  mkdirSync(join(dir, 'a'));
  mkdirSync(join(dir, 'b'));
  return exchangeFolders(join(dir, 'a'), join(dir, 'b'));
}

const MODES = {
  exchange: {
    env: {},
    swapStep: 'output folders exchanged',
    // One kill in each kind of state the write phase passes through (see swap.ts); the run after
    // the one killed at the exchange is killed while it finishes that swap.
    killPoints: [
      'new output ready',
      'output folders exchanged',
      'recovery: moved back dist',
      'moved back dist',
    ],
  },
  rename: {
    env: { CODEGEN_NO_EXCHANGE: '1' },
    swapStep: 'old output moved aside',
    killPoints: [
      'new output ready', // built, not yet swapped in
      'old output moved aside', // the folder does not exist for a moment
      'recovery: output folder put back',
      'recovery: moved back dist',
      'new output in place', // dist/ and node_modules still beside it
      'moved back dist',
    ],
  },
} as const;

const exchangeWorks = canExchange();
if (!exchangeWorks)
  console.warn(
    'kill-safety: the one-step exchange needs Linux on x64 or arm64 with perl; testing only the fallback',
  );

describe.each(Object.keys(MODES) as Array<keyof typeof MODES>)(
  'a run killed at any step of its write phase (%s)',
  (mode) => {
    const { env: modeEnv, swapStep, killPoints } = MODES[mode];
    const dir = tempDir(`kill-safety-${mode}`);
    const out = join(dir, 'work/out');
    const temp = join(dir, 'work/.out.codegen-tmp');
    // Both specs under the same file name, so the generated headers are the same.
    const specs = { A: join(dir, 'a/voice-media.yaml'), B: join(dir, 'b/voice-media.yaml') };
    const env = { CODEGEN_FORMAT_CACHE: join(dir, 'format-cache.json'), ...modeEnv };
    const expected = {} as Record<Side, Record<string, string>>;

    function run(side: Side, pauseAt?: string): CliProcess {
      const cli = startCli(
        ['--spec', specs[side], '--out', out],
        pauseAt === undefined ? env : { ...env, CODEGEN_PAUSE_AT: pauseAt },
        project,
      );
      runs.push(cli);
      return cli;
    }

    async function runToEnd(side: Side, pauseAt?: string): Promise<string> {
      const cli = run(side, pauseAt);
      expect(await cli.exited, cli.output()).toBe(0);
      return cli.output();
    }

    /** Asserts what a kill must leave, and returns the side the next run will start from. */
    function checkAfterKill(point: string | undefined, before: Side, target: Side): Side {
      const where = point === undefined ? 'after a kill while running' : `after a kill at "${point}"`;
      // Each file that is not ours is in the output folder or, in the windows swap.ts names, in the
      // temporary folder beside the old output; never lost.
      const found = {
        ...readNotOurs(join(temp, 'old')),
        ...readNotOurs(join(temp, 'ready')),
        ...readNotOurs(out),
      };
      expect(found, where).toStrictEqual(NOT_OURS);
      if (point !== undefined && !NOT_OURS_ASIDE.has(point))
        expect(readNotOurs(out), where).toStrictEqual(NOT_OURS);
      if (!existsSync(out)) {
        // Only between the two renames of the fallback; the next run puts the new output in place.
        expect(mode, `${where}, the output folder is missing`).toBe('rename');
        if (point !== undefined) expect(point, where).toBe('old output moved aside');
        return target;
      }
      const now = readOutput(out);
      const side = (['A', 'B'] as const).find((s) => isDeepEqual(now, expected[s]));
      const differs = (s: Side) =>
        [...new Set([...Object.keys(now), ...Object.keys(expected[s])])].filter(
          (f) => now[f] !== expected[s][f],
        );
      const message = `${where}, the output is neither the old nor the new one: it differs from the old in ${differs(before).join(', ')} and from the new in ${differs(target).join(', ')}`;
      expect(side, message).toBeDefined();
      expect([before, target]).toContain(side);
      return side!;
    }

    it.skipIf(mode === 'exchange' && !exchangeWorks)(
      'leaves the old or the new output whole, and the next run puts things right',
      async () => {
        mkdirSync(join(dir, 'a'));
        mkdirSync(join(dir, 'b'));
        cpSync(committedSpec, specs.A);
        await runToEnd('A');
        expected.A = readOutput(out);
        writeFileSync(specs.B, changeSpec(readFileSync(committedSpec, 'utf8'), Object.keys(expected.A)));
        for (const [file, content] of Object.entries(NOT_OURS)) {
          mkdirSync(join(out, file, '..'), { recursive: true });
          writeFileSync(join(out, file), content);
        }
        symlinkSync('dep', join(out, 'node_modules/.link'));
        // CODEGEN_PAUSE_AT that names no step: every step is announced, none pauses.
        const traced = await runToEnd('B', '');
        expected.B = readOutput(out);
        const steps = [...traced.matchAll(/^codegen step: (.+)$/gm)].map((m) => m[1]!);
        const [onlyA, onlyB] = [without(expected.A, expected.B), without(expected.B, expected.A)];
        expect(onlyA, 'the change removes a file').toHaveLength(1);
        expect(onlyB, 'the change adds a file').toHaveLength(1);
        const same = Object.keys(expected.A).filter((f) => expected.A[f] === expected.B[f]);
        expect(same.length, 'most files stay as they are').toBeGreaterThan(10);
        expect(steps).toContain(swapStep);

        // The first kill leaves the new output half built beside the folder: at a file both outputs
        // have, so that either run, to A or to B, stages it. A run costs seconds, so steps that
        // leave the same kind of state are not repeated. Every killed run also leaves its lock
        // behind, with its pid gone, for the next run to take over.
        const staged = steps.filter(
          (s) => s.startsWith('staged ') && s.slice(7) in expected.A && s.slice(7) in expected.B,
        );
        let state: Side = 'B';
        for (const point of [staged[Math.floor(staged.length / 2)]!, ...killPoints]) {
          const target: Side = state === 'A' ? 'B' : 'A';
          const cli = run(target, point);
          await cli.waitFor(`codegen paused: ${point}`);
          await cli.kill('SIGKILL');
          state = checkAfterKill(point, state, target);
        }

        // A kill that does not wait for a pause: it lands wherever the run has got to.
        const target: Side = state === 'A' ? 'B' : 'A';
        const cli = run(target, '');
        await cli.waitFor(`codegen step: ${staged[0]}`);
        await cli.kill('SIGKILL');
        state = checkAfterKill(undefined, state, target);

        const last: Side = state === 'A' ? 'B' : 'A';
        await runToEnd(last);
        expect(readOutput(out)).toStrictEqual(expected[last]);
        expect(readNotOurs(out)).toStrictEqual(NOT_OURS);
        expect(lstatSync(join(out, 'node_modules/.link')).isSymbolicLink()).toBe(true);
        expect(readdirSync(join(dir, 'work')), 'no lock or temporary folder is left').toStrictEqual(['out']);
      },
      360_000,
    );
  },
);

/**
 * The committed spec with one schema renamed (its guard file goes, another comes) and a
 * description edited. The schema is the first one with a guard file and references to it.
 */
function changeSpec(text: string, files: string[]): string {
  const guards = files.filter((f) => /^src\/guards\/[A-Za-z]+\.ts$/.test(f) && f !== 'src/guards/index.ts');
  const name = guards
    .map((f) => f.slice('src/guards/'.length, -'.ts'.length))
    .find((n) => text.includes(`\n    ${n}:\n`) && text.includes(`#/components/schemas/${n}"`));
  expect(name, 'a schema to rename').toBeDefined();
  const changed = text
    .replace(`\n    ${name}:\n`, `\n    ${name}Renamed:\n`)
    .replaceAll(`#/components/schemas/${name}"`, `#/components/schemas/${name}Renamed"`)
    .replace(/(\n {8}description: )(.+)/, '$1Changed. $2');
  return changed;
}

const without = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).filter((f) => !(f in b));

function readNotOurs(root: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const file of Object.keys(NOT_OURS)) {
    if (existsSync(join(root, file))) found[file] = readFileSync(join(root, file), 'utf8');
  }
  return found;
}

function isDeepEqual(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
