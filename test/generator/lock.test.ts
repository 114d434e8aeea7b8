/**
 * Two runs into one output folder: the second waits for the first and says so; a lock that a
 * killed run left behind does not block; runs started together both succeed. All with real runs
 * of the CLI, held at a step of the write phase through its test hook where the test needs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockFileFor, lockOutput } from '../../generator/cli/lock.ts';
import { copyProject, readOutput, startCli, type CliProcess } from '../helpers/cli-process.ts';
import { ROOT, tempDir } from '../helpers/generate.ts';

const SPEC = join(ROOT, 'test/fixtures/specs/twin-3.1.yaml');
const project = copyProject();
const runs: CliProcess[] = [];
afterAll(async () => {
  await Promise.all(runs.map((r) => r.kill()));
});

/** A fresh folder holding only where the output goes (`work/out`) and a format cache of its own. */
function setup(name: string) {
  const dir = tempDir(name);
  mkdirSync(join(dir, 'work'));
  const out = join(dir, 'work/out');
  const env = { CODEGEN_FORMAT_CACHE: join(dir, 'format-cache.json') };
  const run = (pauseAt?: string) => {
    const cli = startCli(
      ['--spec', SPEC, '--out', out],
      pauseAt === undefined ? env : { ...env, CODEGEN_PAUSE_AT: pauseAt },
      project,
    );
    runs.push(cli);
    return cli;
  };
  const leftovers = () => readdirSync(join(dir, 'work')).filter((name) => name !== 'out');
  return { out, run, leftovers };
}

describe('two runs into one folder', () => {
  it('the second waits for the first, says so, then finds nothing left to change', async () => {
    const { out, run, leftovers } = setup('lock-wait');
    const first = run('lock taken');
    await first.waitFor('codegen paused: lock taken');
    const second = run();
    await second.waitFor(`waiting for another generate run (pid ${first.pid}) to finish writing`);
    first.resume();
    expect(await first.exited, first.output()).toBe(0);
    expect(await second.exited, second.output()).toBe(0);
    expect(first.output()).toMatch(/: \d+ added, 0 changed/);
    expect(second.output()).toMatch(/: 0 added, 0 changed, 0 removed, \d+ unchanged/);
    expect(Object.keys(readOutput(out))).toContain('src/schemas.ts');
    expect(leftovers()).toStrictEqual([]);
  }, 120_000);

  it('a lock left by a killed run does not block the next run', async () => {
    const { out, run, leftovers } = setup('lock-stale');
    const killed = run('lock taken');
    await killed.waitFor('codegen paused: lock taken');
    await killed.kill();
    expect(leftovers()).toStrictEqual(['.out.codegen-lock']);

    const next = run();
    expect(await next.exited, next.output()).toBe(0);
    expect(next.output()).not.toContain('waiting for');
    expect(Object.keys(readOutput(out))).toContain('src/schemas.ts');
    expect(leftovers()).toStrictEqual([]);
  }, 120_000);

  it('runs started together, sharing a format cache, both succeed and leave one whole output', async () => {
    const { out, run, leftovers } = setup('lock-together');
    const together = [run(), run()];
    for (const cli of together) expect(await cli.exited, cli.output()).toBe(0);
    // However they interleaved, exactly one of them wrote the files.
    const wrote = together.filter((cli) => /: [1-9]\d* added/.test(cli.output()));
    expect(wrote).toHaveLength(1);
    expect(Object.keys(readOutput(out))).toContain('src/schemas.ts');
    expect(leftovers()).toStrictEqual([]);
  }, 120_000);
});

describe('lockOutput', () => {
  it('stops with a message naming the holder and the lock file when the wait is too long', async () => {
    const out = join(tempDir('lock-unit'), 'out');
    // This test's own process is alive, so its pid holds the lock for as long as it likes.
    writeFileSync(lockFileFor(out), `${process.pid}\n`);
    const waits: number[] = [];
    await expect(lockOutput(out, { maxWaitMs: 200, onWait: (pid) => waits.push(pid) })).rejects.toThrow(
      `another run (pid ${process.pid}) is still writing ${out}`,
    );
    expect(waits).toStrictEqual([process.pid]);
  });

  it('removes what killed runs left while taking the lock: candidates, a break lock, the lock', async () => {
    const out = join(tempDir('lock-unit'), 'out');
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const lock = lockFileFor(out);
    for (const file of [lock, `${lock}.${dead}`, `${lock}.break`, `${lock}.break.${dead}`]) {
      writeFileSync(file, `${dead}\n`);
    }
    const taken = await lockOutput(out);
    expect(readdirSync(dirname(out))).toStrictEqual(['.out.codegen-lock']);
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
    taken.release();
    expect(readdirSync(dirname(out))).toStrictEqual([]);
  });

  it('takes over a lock whose content is not a pid, and releases it', async () => {
    const out = join(tempDir('lock-unit'), 'out');
    writeFileSync(lockFileFor(out), 'not a pid');
    const lock = await lockOutput(out);
    expect(existsSync(lockFileFor(out))).toBe(true);
    lock.release();
    expect(existsSync(lockFileFor(out))).toBe(false);
  });
});
