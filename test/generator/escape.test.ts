/**
 * Spec text that lands in generated code, comments or the README cannot change what that code
 * does: each escaping helper's output is put where the emitters put it, then parsed and run.
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  jsDocText,
  jsonLiteral,
  lineCommentText,
  markdownText,
  propertyAccess,
  propertyKey,
  stringLiteral,
} from '../../generator/emit/escape.ts';

/** Runs a snippet of generated JavaScript and returns its value. */
const run = (code: string): unknown => vm.runInNewContext(code);

/** Every kind of character that could end, bend or break out of what it is written into. */
const HOSTILE = [
  'plain',
  '',
  `quotes ' " \``,
  'back\\slash\\',
  'line\nfeed\rreturn\r\nboth',
  'separators \u2028 and \u2029 twice \u2028\u2029',
  'tab\tnul\u0000bell\u0007',
  '${injected} */ /* // <script>',
  '@param x',
  'emoji 😀 and lone \ud83d',
];

const LINE_ENDS = /[\n\r\u2028\u2029]/;

describe('stringLiteral and jsonLiteral', () => {
  it.each(HOSTILE)('give back %j exactly when the literal is evaluated', (text) => {
    expect(run(stringLiteral(text))).toBe(text);
    expect(run(jsonLiteral(text))).toBe(text);
  });

  it('never write a raw line or paragraph separator (U+2028, U+2029) into the literal', () => {
    for (const text of HOSTILE) {
      expect(stringLiteral(text)).not.toMatch(LINE_ENDS);
      expect(jsonLiteral(text)).not.toMatch(LINE_ENDS);
    }
    expect(stringLiteral('a\u2029b\u2029')).toBe('"a\\u2029b\\u2029"');
    expect(stringLiteral('a\u2028b\u2028')).toBe('"a\\u2028b\\u2028"');
  });

  it('are valid JSON too, so a literal can be read back by JSON.parse', () => {
    for (const text of HOSTILE) expect(JSON.parse(stringLiteral(text))).toBe(text);
  });

  it('escape U+2028 and U+2029 in strings nested in arrays and objects too (enum values, examples)', () => {
    const nested = { 'key\u2028': ['a\u2029b', { c: '\u2028' }] };
    const literal = jsonLiteral(nested);
    expect(literal).not.toMatch(LINE_ENDS);
    expect(run(`(${literal})`)).toEqual(nested);
    expect(JSON.parse(literal)).toEqual(nested);
  });

  it('write other JSON values as JSON', () => {
    expect([1.5, -0, true, false, null, [1, 'a'], { a: null }].map(jsonLiteral)).toEqual([
      '1.5',
      '0',
      'true',
      'false',
      'null',
      '[1,"a"]',
      '{"a":null}',
    ]);
  });
});

describe('propertyKey and propertyAccess', () => {
  // Not `__proto__`: in an object literal, quoted or not, it sets the prototype (see the last test).
  const KEYS = ['id', '_x', '$y', 'x-y', '0a', 'a b', '', 'quote"d', 'a\u2028b', 'constructor', 'toString'];

  it.each(KEYS)('declare and read the key %j as an own property, whatever it is', (key) => {
    const object = run(`({ ${propertyKey(key)}: 1 })`) as Record<string, unknown>;
    expect(Object.keys(object)).toEqual([key]);
    expect(vm.runInNewContext(propertyAccess('target', key), { target: { [key]: 2 } })).toBe(2);
  });

  it('write identifiers bare and quote everything else', () => {
    expect([propertyKey('call_id'), propertyAccess('a', 'call_id')]).toEqual(['call_id', 'a.call_id']);
    expect([propertyKey('x-y'), propertyAccess('a', 'x-y')]).toEqual(['"x-y"', 'a["x-y"]']);
  });

  it('read an own __proto__ property, as JSON.parse makes it, and not the prototype', () => {
    const parsed = JSON.parse('{"__proto__": 3}') as object;
    expect(vm.runInNewContext(propertyAccess('target', '__proto__'), { target: parsed })).toBe(3);
  });
});

describe('comments', () => {
  it.each(HOSTILE)('jsDocText keeps %j inside its doc comment, and code after it runs', (text) => {
    const doc = jsDocText(text);
    expect(run(`/** ${doc} */ 1 + 1`)).toBe(2);
    expect(run(`/**\n * ${doc.split('\n').join('\n * ')}\n */\n1 + 1`)).toBe(2);
  });

  it('jsDocText turns every kind of line break into \\n, and escapes a tag at the start of a line', () => {
    expect(jsDocText('a\r\nb\rc\u2028d\u2029e\nf')).toBe('a\nb\nc\nd\ne\nf');
    expect(jsDocText('@deprecated\n  @see x\nmail me@example.com')).toBe(
      '\\@deprecated\n  \\@see x\nmail me@example.com',
    );
    expect(jsDocText('ends */ opens /* here')).toBe('ends *\\/ opens /\\* here');
    expect(jsDocText('trailing space \n\n')).toBe('trailing space');
  });

  it.each(HOSTILE)('lineCommentText keeps %j on its one // line', (text) => {
    const comment = lineCommentText(text);
    expect(comment).not.toMatch(LINE_ENDS);
    expect(run(`// ${comment}\n1 + 1`)).toBe(2);
  });

  it('lineCommentText puts one space for each line break', () => {
    expect(lineCommentText('a\r\nb\rc\nd\u2028e\u2029f')).toBe('a b c d e f');
  });
});

describe('markdownText', () => {
  it('keeps text on one line of a table cell and shows Markdown characters as written', () => {
    expect(markdownText('a\r\nb\rc\nd\u2028e\u2029f')).toBe('a b c d e f');
    expect(markdownText('a|b *c* _d_ `e` [f](g) \\ <script>')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\\\ &lt;script>',
    );
    expect(markdownText('<<')).toBe('&lt;&lt;');
  });
});
