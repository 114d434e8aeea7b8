import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLargeSpec, isShortRun, LARGE_SPEC_BYTES, SMALL_SPEC_BYTES } from '../../generator/cli/run-flags.mjs';

describe('isShortRun: when npm run generate goes without V8 optimizing compiler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'run-flags-'));
  const small = join(dir, 'small.yaml');
  const large = join(dir, 'large.yaml');
  writeFileSync(small, 'x'.repeat(SMALL_SPEC_BYTES));
  writeFileSync(large, 'x'.repeat(SMALL_SPEC_BYTES + 1));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is short for the default spec when it is small, with or without other flags', () => {
    expect(isShortRun([], small)).toBe(true);
    expect(isShortRun(['--out', 'somewhere', '--no-cache'], small)).toBe(true);
    expect(isShortRun(['--check'], small)).toBe(true);
  });

  it('follows --spec in both spellings, and a large spec keeps the optimizing compiler', () => {
    expect(isShortRun(['--spec', large], small)).toBe(false);
    expect(isShortRun([`--spec=${large}`], small)).toBe(false);
    expect(isShortRun(['--spec', small], large)).toBe(true);
    expect(isShortRun([], large)).toBe(false);
  });

  it('is never short in --watch, and leaves a missing spec to the CLI to report', () => {
    expect(isShortRun(['--watch'], small)).toBe(false);
    expect(isShortRun(['--spec', join(dir, 'missing.yaml')], small)).toBe(false);
  });

  it('holds the spec this project generates from: the limit was raised past the grown fragment (#13)', () => {
    expect(isShortRun([], join(import.meta.dirname, '../../spec/voice-media.yaml'))).toBe(true);
  });
});

describe('isLargeSpec: when npm run generate caps how far the heap grows beyond what is alive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'run-flags-large-'));
  const atLimit = join(dir, 'at-limit.yaml');
  const above = join(dir, 'above.yaml');
  writeFileSync(atLimit, 'x'.repeat(LARGE_SPEC_BYTES));
  writeFileSync(above, 'x'.repeat(LARGE_SPEC_BYTES + 1));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is large only above the limit, following --spec in both spellings, in --watch too', () => {
    expect(isLargeSpec([], atLimit)).toBe(false);
    expect(isLargeSpec([], above)).toBe(true);
    expect(isLargeSpec(['--spec', above], atLimit)).toBe(true);
    expect(isLargeSpec([`--spec=${atLimit}`], above)).toBe(false);
    expect(isLargeSpec(['--watch', '--spec', above], atLimit)).toBe(true);
  });

  it('leaves a missing spec to the CLI, and holds the fragment to the default heap', () => {
    expect(isLargeSpec(['--spec', join(dir, 'missing.yaml')], above)).toBe(false);
    expect(isLargeSpec([], join(import.meta.dirname, '../../spec/voice-media.yaml'))).toBe(false);
  });
});
