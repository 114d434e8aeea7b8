/**
 * The position index (generator/core/positions.ts) against the YAML parser's own tree: for every
 * node of real specs and of edge cases, a pointer must land on the same offset as a walk of the
 * tree does, including pointers that run past the document.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { joinPointer, parsePointer } from '../../generator/core/diagnostics.ts';
import { linePosition, loadSpecText } from '../../generator/core/load.ts';
import { PositionIndex } from '../../generator/core/positions.ts';
import { ROOT } from '../helpers/generate.ts';

/** The oracle: walk the parser's tree. A map entry is at its key; a list item at itself. */
function walkTree(root: Node | null, pointer: string): number | undefined {
  let node: unknown = root;
  let at: Node | null = root;
  for (const token of parsePointer(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === token);
      if (!pair) break;
      at = isScalar(pair.key) ? pair.key : (pair.value as Node | null);
      node = pair.value;
    } else if (isSeq(node) && /^(0|[1-9][0-9]*)$/.test(token)) {
      const item = node.items[Number(token)] as Node | undefined;
      if (!item) break;
      at = node = item;
    } else {
      break;
    }
  }
  return at?.range?.[0];
}

/** Every pointer of a plain value, each also with a token past its end. */
function pointersOf(value: unknown, base = '#'): string[] {
  const out = [base, joinPointer(base, 'no-such-key'), joinPointer(base, 99999)];
  if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value)) out.push(...pointersOf(child, joinPointer(base, key)));
  return out;
}

function compare(text: string): number {
  const doc = parseDocument(text, { uniqueKeys: true });
  expect(doc.errors).toEqual([]);
  const index = PositionIndex.of(doc.contents as Node | null);
  const pointers = pointersOf(doc.toJS());
  for (const pointer of pointers) {
    const expected = walkTree(doc.contents as Node | null, pointer);
    if (index.offsetOf(pointer) !== expected)
      expect({ pointer, got: index.offsetOf(pointer) }).toEqual({ pointer, got: expected });
  }
  return pointers.length;
}

describe('PositionIndex', () => {
  it('agrees with the parser’s tree on every node of real specs', () => {
    const specs = [
      'spec/voice-media.yaml',
      'test/fixtures/specs/hostile.yaml',
      'test/fixtures/tolerance/hostile-names.yaml',
      'test/fixtures/whole-sample/telnyx-3.1.yaml',
    ];
    let checked = 0;
    for (const spec of specs) checked += compare(readFileSync(join(ROOT, spec), 'utf8'));
    expect(checked).toBeGreaterThan(10_000);
  });

  it('agrees on edge cases: empty values, complex keys, aliases, numeric keys, escaped tokens', () => {
    const text = [
      'empty:',
      'nulls: [~, null, 1]',
      '? [complex, key]',
      ': complex value',
      '? {flow: key}',
      '200: numeric key',
      'a/b~c: escaped',
      'anchor: &x {inner: [1, {deep: true}]}',
      'alias: *x',
      'list:',
      '  - - nested',
      '    - list',
      '  - {k: v}',
      '"": empty key',
      '',
    ].join('\n');
    compare(text);
    const index = PositionIndex.of(parseDocument(text).contents as Node | null);
    // Spot checks against the text itself, so the oracle above is not the only judge.
    expect(index.offsetOf('#/a~1b~0c')).toBe(text.indexOf('a/b~c'));
    expect(index.offsetOf('#/list/0/1')).toBe(text.indexOf('- list') + 2);
    expect(index.offsetOf('#/alias/inner')).toBe(text.indexOf('alias'));
    expect(index.offsetOf('#/list/01')).toBe(text.indexOf('list:'));
  });

  it('gives the document’s start for `#` and nothing for an empty document', () => {
    expect(
      PositionIndex.of(parseDocument('\n\nopenapi: 3.1.0\n').contents as Node | null).offsetOf('#'),
    ).toBe(2);
    expect(PositionIndex.of(parseDocument('').contents as Node | null).offsetOf('#/a')).toBeUndefined();
  });

  it('is what loadSpecText locates with: a line and column for a deep pointer', () => {
    const text =
      'openapi: 3.1.0\ninfo:\n  title: t\n  version: "1"\npaths:\n  /a:\n    get:\n      responses: {}\n';
    const loaded = loadSpecText(text, 'inline.yaml');
    expect(loaded.locate('#/paths/~1a/get/responses')).toEqual({ line: 8, column: 7 });
    expect(loaded.locate('#/paths/~1a/post')).toEqual({ line: 6, column: 3 });
  });

  it('turns offsets into lines and columns as yaml’s LineCounter does', () => {
    for (const text of [
      '',
      'a: 1',
      'a: 1\n\n  b: 2\n',
      readFileSync(join(ROOT, 'spec/voice-media.yaml'), 'utf8'),
    ]) {
      const counter = new LineCounter();
      parseDocument(text, { lineCounter: counter });
      const offsets = [-1, 0, 1, 2, 5, 6, text.length - 1, text.length, text.length + 3];
      for (let o = 0; o < text.length; o += 997) offsets.push(o);
      for (const offset of offsets) {
        const { line, col } = counter.linePos(offset);
        expect(linePosition(counter.lineStarts, offset), `offset ${offset}`).toEqual({ line, column: col });
      }
    }
  });
});
