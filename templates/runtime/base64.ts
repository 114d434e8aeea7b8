/**
 * Strict, dependency-free base64 (RFC 4648 §4, standard alphabet, padded). Hand-written, copied
 * verbatim into the generated package as `core/base64.ts`.
 *
 * Why not `atob` or `Buffer`: `Buffer` does not exist on edge runtimes, and both are lenient —
 * they skip whitespace and accept non-canonical encodings. For signatures and keys, leniency means
 * several header strings decode to the same bytes, so we accept exactly one spelling per value.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** char code → 6-bit value, or -1 for anything outside the alphabet (including '=' and spaces). */
const DECODE_TABLE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** 6-bit value of one character, or -1 when it is not in the alphabet. */
function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? (DECODE_TABLE[code] ?? -1) : -1;
}

/**
 * Decodes padded base64, or returns `undefined` when `text` is not the one canonical encoding of
 * some bytes: wrong length, a character outside the alphabet (whitespace included), misplaced or
 * missing padding, or non-zero unused bits before the padding.
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const dataChars = text.length - padding;
  let written = 0;
  for (let i = 0; i < dataChars; i += 4) {
    const remaining = dataChars - i;
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = remaining > 2 ? sextet(text, i + 2) : 0;
    const d = remaining > 3 ? sextet(text, i + 3) : 0;
    if ((a | b | c | d) < 0) return undefined;
    const chunk = (a << 18) | (b << 12) | (c << 6) | d;
    out[written++] = chunk >> 16;
    if (remaining > 2) out[written++] = (chunk >> 8) & 0xff;
    if (remaining > 3) out[written++] = chunk & 0xff;
    // A canonical encoder leaves the bits past the last byte at zero; anything else is a second
    // spelling of the same bytes.
    if (remaining === 2 && (chunk & 0xffff) !== 0) return undefined;
    if (remaining === 3 && (chunk & 0xff) !== 0) return undefined;
  }
  return out;
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
