/**
 * flatLine (generator/emit/layout.ts) hands the doc printer a statement as one line of text
 * when the printer would print it as one line. Whenever it answers, its text must be what
 * prettier's printer prints for the same doc at that indentation; when it declines, the doc is
 * printed as it is, so declining is always safe. Checked on hand-picked docs and on random ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builders, type Doc, flatLine, printDoc } from '../../generator/emit/layout.ts';

const { group, hardline, ifBreak, indent, line, softline, indentIfBreak, lineSuffixBoundary } = builders;

/** What the printer prints for `doc` as a statement `level` indents deep, without the indent. */
function printedAt(doc: Doc, level: number): string {
  let wrapped: Doc = [hardline, doc];
  for (let i = 0; i < level; i++) wrapped = indent(wrapped);
  return printDoc(wrapped).slice(1 + level * 2);
}

const call = (name: string, args: string[]): Doc =>
  group([name, '(', indent([softline, builders.join([',', line], args)]), ifBreak(','), softline, ')']);

describe('flatLine', () => {
  it('gives a statement that fits as the printer prints it, up to the print width exactly (110)', () => {
    for (const level of [0, 1, 3]) {
      for (let width = 100; width <= 112; width++) {
        // `f(` + args + `);` laid out to a given total width at this level.
        const room = width - level * 2;
        const arg = 'a'.repeat(Math.max(1, room - 'f(, b);'.length));
        const doc: Doc = [call('f', [arg, 'b']), ';'];
        const flat = flatLine(doc, level);
        if (level * 2 + `f(${arg}, b);`.length <= 110) expect(flat).toBe(`f(${arg}, b);`);
        else expect(flat).toBeUndefined();
        if (flat !== undefined) expect(printedAt(doc, level)).toBe(flat);
      }
    }
  });

  it('declines a forced break, a break outside a group, an unknown doc and wide text', () => {
    expect(flatLine(['a', hardline, 'b'], 0)).toBeUndefined();
    expect(flatLine(['return ', indent([line, 'x']), ';'], 0)).toBeUndefined();
    expect(flatLine([ifBreak('(', ''), 'x'], 0)).toBeUndefined();
    expect(flatLine(group(['a', builders.breakParent]), 0)).toBeUndefined();
    expect(flatLine(builders.fill(['a', line, 'b']), 0)).toBeUndefined();
    expect(flatLine(group(['x', line, 'y'], { shouldBreak: true }), 0)).toBeUndefined();
    // A wide character is two columns to prettier.
    expect(flatLine(group(['const s = ', "'漢字'", ';']), 0)).toBeUndefined();
  });

  it('prints if-break, indent-if-break and line-suffix-boundary as a flat group does', () => {
    const id = Symbol('assignment');
    const doc: Doc = group([
      'const x =',
      group(indent(line), { id }),
      lineSuffixBoundary,
      indentIfBreak(call('g', ['y']), { groupId: id }),
      ifBreak(' /* broken */', ';'),
    ]);
    expect(flatLine(doc, 2)).toBe('const x = g(y);');
    expect(printedAt(doc, 2)).toBe('const x = g(y);');
  });

  it('agrees with the printer on random statements', () => {
    const word = fc.stringMatching(/^[a-z]{1,12}$/);
    const leaf: fc.Arbitrary<Doc> = fc.oneof(word, fc.constant(line), fc.constant(softline));
    const doc = fc.letrec<{ doc: Doc }>((tie) => ({
      doc: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('doc'), { maxLength: 6 }),
        tie('doc').map((d) => group(d)),
        tie('doc').map((d) => indent(d)),
        fc.tuple(word, word).map(([a, b]) => ifBreak(a, b)),
        fc.array(word, { minLength: 1, maxLength: 5 }).chain((args) => word.map((name) => call(name, args))),
      ),
    })).doc;
    fc.assert(
      fc.property(doc, fc.integer({ min: 0, max: 8 }), (d, level) => {
        const statement = group(d);
        const flat = flatLine(statement, level);
        if (flat !== undefined) expect(printedAt(statement, level)).toBe(flat);
      }),
      { numRuns: 3000 },
    );
  });
});
