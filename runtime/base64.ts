/**
 * Strict, dependency-free base64 (RFC 4648 §4, standard alphabet, padded). Hand-written, copied
 * verbatim into the generated package as `core/base64.ts`.
 *
 * Why not `atob` or `Buffer`: `Buffer` does not exist on edge runtimes, and both are lenient —
 * they skip whitespace and accept non-canonical encodings. For signatures and keys, leniency means
 * several header strings decode to the same bytes, so we accept exactly one spelling per value.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Marks a character outside the alphabet in `DECODE_TABLE`; bit 6 is never set by a sextet. */
const INVALID = 64;
const PAD = 0x3d; // '='

/** ASCII code → 6-bit value, or `INVALID` (including '=' and whitespace). */
const DECODE_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(128).fill(INVALID);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** How many bytes `text` decodes to if it is well formed, or -1 when its length rules it out. */
function decodedLength(text: string): number {
  const length = text.length;
  if (length % 4 !== 0) return -1;
  const padding =
    length === 0 || text.charCodeAt(length - 1) !== PAD ? 0 : text.charCodeAt(length - 2) === PAD ? 2 : 1;
  return (length / 4) * 3 - padding;
}

/**
 * Decodes padded base64, or returns `undefined` when `text` is not the one canonical encoding of
 * some bytes: wrong length, a character outside the alphabet (whitespace included), misplaced or
 * missing padding, or non-zero unused bits before the padding.
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const size = decodedLength(text);
  if (size < 0) return undefined;
  const out = new Uint8Array(size);
  return decodeBase64Into(text, out) ? out : undefined;
}

/**
 * Decodes `text` into `out`, which it must fill exactly; false (with `out` holding garbage) when
 * `text` is not the canonical encoding of `out.length` bytes, by the same rules as `decodeBase64`.
 * For callers that reuse one buffer instead of allocating per call.
 *
 * Signatures arrive on every webhook, so the loop is branch-free: it ORs every char code and every
 * table value together and judges the whole text once at the end (a code above 127 or an
 * `INVALID` entry spoils the result).
 */
export function decodeBase64Into(text: string, out: Uint8Array): boolean {
  if (decodedLength(text) !== out.length) return false;
  const length = text.length;
  const padding = (length / 4) * 3 - out.length; // 0, 1 or 2, as decodedLength found
  const table = DECODE_TABLE;
  const full = padding === 0 ? length : length - 4; // quads without padding
  let codes = 0; // OR of every char code: > 127 means a non-ASCII character
  let values = 0; // OR of every table value: INVALID set means a character outside the alphabet
  let written = 0;
  for (let i = 0; i < full; i += 4) {
    const ca = text.charCodeAt(i);
    const cb = text.charCodeAt(i + 1);
    const cc = text.charCodeAt(i + 2);
    const cd = text.charCodeAt(i + 3);
    codes |= ca | cb | cc | cd;
    const a = table[ca & 127]!;
    const b = table[cb & 127]!;
    const c = table[cc & 127]!;
    const d = table[cd & 127]!;
    values |= a | b | c | d;
    out[written] = (a << 2) | (b >> 4);
    out[written + 1] = (b << 4) | (c >> 2);
    out[written + 2] = (c << 6) | d;
    written += 3;
  }
  if (padding > 0) {
    const ca = text.charCodeAt(full);
    const cb = text.charCodeAt(full + 1);
    // With one '=', the third character still carries data; with two it is the first '='.
    const cc = padding === 1 ? text.charCodeAt(full + 2) : 0x41; // 'A' = 0: no data, no bits
    codes |= ca | cb | cc;
    const a = table[ca & 127]!;
    const b = table[cb & 127]!;
    const c = table[cc & 127]!;
    values |= a | b | c;
    out[written] = (a << 2) | (b >> 4);
    if (padding === 1) out[written + 1] = (b << 4) | (c >> 2);
    // A canonical encoder leaves the bits past the last byte at zero; anything else is a second
    // spelling of the same bytes.
    const unused = padding === 1 ? c & 0b11 : b & 0b1111;
    if (unused !== 0) return false;
  }
  return codes <= 127 && (values & INVALID) === 0;
}

/** Encodes bytes as padded standard base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const chunk = (a << 16) | (b << 8) | c;
    const left = bytes.length - i;
    text += ALPHABET[chunk >> 18];
    text += ALPHABET[(chunk >> 12) & 63];
    text += left > 1 ? ALPHABET[(chunk >> 6) & 63] : '=';
    text += left > 2 ? ALPHABET[chunk & 63] : '=';
  }
  return text;
}
