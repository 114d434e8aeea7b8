/**
 * `ValidationError`, what `assertX` guards and the client's local checks throw: its message lists
 * each issue on its own line, by pointer (`(root)` for the value itself), at most ten of them and
 * then how many more, so a huge invalid value cannot make a huge message.
 */
import { describe, expect, it } from 'vitest';
import { TelnyxError } from '../../runtime/errors.ts';
import { ValidationError, type ValidationIssue } from '../../runtime/validation.ts';

const issue = (n: number): ValidationIssue => ({ path: `/items/${n}`, keyword: 'type', message: `bad ${n}` });
const issues = (count: number) => Array.from({ length: count }, (_, n) => issue(n));
const lines = (count: number) => issues(count).map((i) => `  ${i.path}: ${i.message}`);

describe('ValidationError', () => {
  it('lists every issue on its own line, naming the root (root)', () => {
    const error = new ValidationError('Call params', [
      { path: '', keyword: 'type', message: 'expected an object' },
      issue(1),
    ]);
    expect(error.message).toBe('Call params is not valid:\n  (root): expected an object\n  /items/1: bad 1');
  });

  it('lists ten issues in full, and past ten lists the first ten and counts the rest', () => {
    expect(new ValidationError('P', issues(10)).message).toBe(['P is not valid:', ...lines(10)].join('\n'));
    expect(new ValidationError('P', issues(11)).message).toBe(
      ['P is not valid:', ...lines(10), '  … and 1 more'].join('\n'),
    );
    expect(new ValidationError('P', issues(25)).message).toBe(
      ['P is not valid:', ...lines(10), '  … and 15 more'].join('\n'),
    );
  });

  it('keeps every issue, is a TelnyxError and is named ValidationError', () => {
    const error = new ValidationError('P', issues(25));
    expect(error.issues).toEqual(issues(25));
    expect(error).toBeInstanceOf(TelnyxError);
    expect(error.name).toBe('ValidationError');
    expect(String(error)).toMatch(/^ValidationError: P is not valid:/);
  });
});
