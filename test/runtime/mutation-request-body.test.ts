/**
 * Request bodies beyond the common cases: which content type is chosen when the params mix files
 * and other fields, multipart parts for arrays and bare bytes, text bodies, content types
 * of Blobs and Files, and runtimes without a global `File` (Node 18). Written from the mutation
 * run of request-body.ts (bench/MUTATION.md).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseVariant, encodeBody, toFile, type BodyVariant } from '../../runtime/request-body.ts';

const json: BodyVariant = { contentType: 'application/json', kind: 'json' };
const multipart: BodyVariant = { contentType: 'multipart/form-data', kind: 'multipart' };
const binary: BodyVariant = { contentType: 'application/octet-stream', kind: 'binary' };
const text: BodyVariant = { contentType: 'text/plain', kind: 'text' };

const formOf = async (fields: Record<string, unknown>) =>
  (await encodeBody(multipart, fields)).body as FormData;
const bytesOf = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('chooseVariant', () => {
  it('takes the file-carrying type when any one field holds a file, beside fields that do not', () => {
    expect(chooseVariant([json, multipart], { name: 'x', file: new Uint8Array(1) }, undefined)).toBe(
      multipart,
    );
    expect(chooseVariant([json, multipart], { files: ['not a file', new Blob(['x'])] }, undefined)).toBe(
      multipart,
    );
  });

  it('counts a raw binary body as carrying files, and prefers another type when there is none', () => {
    expect(chooseVariant([json, binary], { body: new Blob(['x']) }, undefined)).toBe(binary);
    expect(chooseVariant([binary, json], { a: 1 }, undefined)).toBe(json);
  });

  it('lists every accepted type when the caller names another', () => {
    expect(() => chooseVariant([json, multipart], {}, 'text/csv')).toThrow(
      'Content type text/csv is not one this operation accepts (application/json, multipart/form-data).',
    );
  });
});

describe('multipart', () => {
  it('sends null as an empty part, as a form-urlencoded body sends `name=`, not the text "null"', async () => {
    const form = await formOf({ note: null, n: 0, flag: false });
    expect(form.get('note')).toBe('');
    expect([form.get('n'), form.get('flag')]).toEqual(['0', 'false']);
    const urlencoded = await encodeBody(
      { contentType: 'application/x-www-form-urlencoded', kind: 'form' },
      { note: null },
    );
    expect(String(urlencoded.body)).toBe('note=');
  });

  it('sends each file of an array as its own part under the field name, text items beside them', async () => {
    const form = await formOf({ files: [new Blob(['a']), new Blob(['b']), 'note'] });
    const parts = form.getAll('files');
    expect(parts).toHaveLength(3);
    expect(await (parts[0] as File).text()).toBe('a');
    expect(await (parts[1] as File).text()).toBe('b');
    expect(parts[2]).toBe('note');
  });

  it('sends an array without files as one part per item, each written as its own type says', async () => {
    const form = await formOf({
      'emails[]': ['a@b.c', 'd@e.f'],
      counts: [1, null, true],
      rows: [{ k: 1 }, ['x']],
    });
    expect(form.getAll('emails[]')).toStrictEqual(['a@b.c', 'd@e.f']);
    expect(form.getAll('counts')).toStrictEqual(['1', '', 'true']);
    const rows = form.getAll('rows') as File[];
    expect(rows.map((part) => part.type)).toStrictEqual(['application/json', 'application/json']);
    expect(await Promise.all(rows.map((part) => part.text()))).toStrictEqual(['{"k":1}', '["x"]']);
    // An empty array has no item, so no part: the field is left out, as an absent one is.
    expect([...(await formOf({ tags: [] })).keys()]).toStrictEqual([]);
  });

  it('sends an object as one JSON document part', async () => {
    const part = (await formOf({ meta: { k: 1 } })).get('meta') as File;
    expect(part.type).toBe('application/json');
    expect(await part.text()).toBe('{"k":1}');
  });

  it('sends bare bytes as a file named after the field, with no content type', async () => {
    const part = (await formOf({ audio: new Uint8Array([1, 2]) })).get('audio') as File;
    expect([part.name, part.type, await bytesOf(part)]).toEqual(['audio', '', [1, 2]]);
  });

  it("keeps a File's own name and type, and lets toFile's name and type replace them", async () => {
    const file = new File(['x'], 'take.wav', { type: 'audio/wav' });
    const form = await formOf({ a: file, b: toFile(file, 'renamed.mp3', 'audio/mpeg') });
    const [a, b] = [form.get('a') as File, form.get('b') as File];
    expect([a.name, a.type]).toEqual(['take.wav', 'audio/wav']);
    expect([b.name, b.type, await b.text()]).toEqual(['renamed.mp3', 'audio/mpeg', 'x']);
  });

  it('works where the runtime has no global File (Node 18): files are named after their field', async () => {
    vi.stubGlobal('File', undefined);
    const part = (await formOf({ audio: new Blob(['x']) })).get('audio') as Blob & { name: string };
    expect(part.name).toBe('audio');
    expect(await part.text()).toBe('x');
  });
});

describe('raw bodies', () => {
  it('sends a text body as a Blob of the declared type', async () => {
    const encoded = await encodeBody(text, { body: 'hello' });
    expect(encoded.contentType).toBe('text/plain');
    expect(await (encoded.body as Blob).text()).toBe('hello');
    expect((encoded.body as Blob).type).toBe('text/plain');
  });

  it("falls back to the declared type for a Blob that has none, and keeps a Blob's own type", async () => {
    const untyped = await encodeBody(binary, { body: new Blob(['x']) });
    expect(untyped.contentType).toBe('application/octet-stream');
    expect((untyped.body as Blob).type).toBe('application/octet-stream');
  });

  it('sends a Blob already of the type to send as it is, without wrapping it in a copy', async () => {
    const blob = new Blob(['x'], { type: 'application/octet-stream' });
    expect((await encodeBody(binary, { body: blob })).body).toBe(blob);
    const wav = new Blob(['x'], { type: 'audio/wav' });
    expect((await encodeBody(binary, { body: wav })).body).toBe(wav);
  });

  it('re-types a Blob whose type toFile replaced', async () => {
    const encoded = await encodeBody(binary, {
      body: toFile(new Blob(['x'], { type: 'text/plain' }), undefined, 'audio/wav'),
    });
    expect(encoded.contentType).toBe('audio/wav');
    expect((encoded.body as Blob).type).toBe('audio/wav');
    expect(await (encoded.body as Blob).text()).toBe('x');
  });

  it('refuses a body that is not file data', async () => {
    await expect(encodeBody(binary, { body: 5 })).rejects.toThrow(
      'A file must be a Blob, bytes, a ReadableStream or a string.',
    );
    await expect(encodeBody(binary, { body: { data: 5 } })).rejects.toThrow(/A file must be/);
  });
});

describe('a whole JSON body', () => {
  it('sends the `body` value as the JSON document, whatever it is', async () => {
    const whole: BodyVariant = { ...json, whole: 'required' };
    const sent = async (value: unknown) => (await encodeBody(whole, { body: value, extra: 1 })).body;
    expect(await sent([1, 'a'])).toBe('[1,"a"]');
    expect(await sent(false)).toBe('false');
    expect(await sent(null)).toBe('null');
    expect(await sent({ a: 1 })).toBe('{"a":1}');
    // Without `whole`, the fields are the document.
    expect((await encodeBody(json, { body: [1] })).body).toBe('{"body":[1]}');
  });
});
