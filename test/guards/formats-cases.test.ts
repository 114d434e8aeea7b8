/**
 * The `uri`, `email` and `json-pointer` formats, case by case: each character class at its edges
 * (first and last letter and digit, every punctuation mark allowed), each anchor, each repeat.
 * And leap seconds written in offsets east and west of UTC, half hours included.
 */
import { describe, expect, it } from 'vitest';
import { isDateTime, isEmail, isJsonPointer, isUri } from '../../runtime/guard-formats.ts';

describe('isDateTime: a leap second is 23:59:60 in UTC, whatever the offset', () => {
  it.each([
    '2016-12-31T23:59:60Z',
    '2017-01-01T08:59:60+09:00',
    '2017-01-01T05:29:60+05:30',
    '2016-12-31T20:29:60-03:30',
    '2016-12-31T15:59:60-08:00',
  ])('accepts %s', (s) => expect(isDateTime(s)).toBe(true));

  it.each([
    '2017-01-01T09:59:60+09:00',
    '2017-01-01T05:59:60+05:30',
    '2017-01-01T04:59:60+05:30',
    '2016-12-31T21:29:60-03:30',
    '2016-12-31T20:59:60-03:30',
  ])('rejects %s', (s) => expect(isDateTime(s)).toBe(false));
});

describe('isUri (absolute URI, RFC 3986)', () => {
  it.each([
    'https://example.com/audio.mp3',
    'https://example.com/a?b=c#d',
    'HTTPS://EXAMPLE.COM/A',
    'urn:isbn:0451450523',
    'mailto:someone@example.com',
    'a:',
    'z:x',
    'Z0+.-9:x',
    'http://[::1]:8080/',
    "s:-._~!$&'()*+,;=:@/?#[]",
    's:azAZ09',
    's:%00%09%af%AF%fa%FF',
  ])('accepts %j', (s) => expect(isUri(s)).toBe(true));

  it.each([
    '',
    '//example.com/a',
    '/relative/path',
    'example.com',
    ':no-scheme',
    '1http://x',
    '+s:x',
    '-s:x',
    '.s:x',
    'a_b:x',
    'ht tp://x',
    'http://ex ample.com',
    ' http://x',
    'http://x ',
    'http://x\n',
    'http://x/%zz',
    'http://x/%4',
    'http://x/%g0',
    'http://x/%0g',
    'http://x/%',
    'http://x/<a>',
    'http://x/"',
    'http://x/{a}',
    'http://x/a\\b',
    'http://x/^',
    'http://x/|',
    'http://x/`',
    'http://x/é',
    'http://x/😀',
    'é:x',
  ])('rejects %j', (s) => expect(isUri(s)).toBe(false));
});

describe('isEmail (RFC 5321 mailbox, dot-atom local part)', () => {
  it.each([
    'a@b',
    'first.last@example.com',
    'A@B.C',
    "!#$%&'*+/=?^_`{|}~-azAZ09@example.com",
    'a.b.c@x',
    'z@z',
    '0@0',
    '9@9',
    'a@a-9.z-0',
    'a@b--c.example',
    'user@sub.domain.example',
  ])('accepts %j', (s) => expect(isEmail(s)).toBe(true));

  it.each([
    '',
    'a',
    '@example.com',
    'a@',
    'a@@b',
    'a@b@c',
    '.a@b',
    'a.@b',
    'a..b@c',
    'a@-b',
    'a@b-',
    'a@b.',
    'a@.b',
    'a@b..c',
    'a@b.-c',
    'a@b.c-',
    'a b@c',
    'a@b c',
    ' a@b',
    'a@b ',
    'a@b\n',
    'é@x',
    'a@é.com',
    'a@b_c',
    'a@b!c',
    '"a"@b',
    'a(b)@c',
    'a,b@c',
    'a@[127.0.0.1]',
  ])('rejects %j', (s) => expect(isEmail(s)).toBe(false));
});

describe('isJsonPointer (RFC 6901)', () => {
  it.each(['', '/', '/a', '/a/b', '//', '/ ', '/~0', '/~1', '/a~0b~1c', '/é😀', '/0/-'])('accepts %j', (s) =>
    expect(isJsonPointer(s)).toBe(true),
  );

  it.each(['a', 'a/b', '~0', '/~', '/~2', '/a~', '/~/', '/a/~x', ' /a'])('rejects %j', (s) =>
    expect(isJsonPointer(s)).toBe(false),
  );
});
