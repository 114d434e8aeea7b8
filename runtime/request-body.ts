/**
 * Request bodies in the content types the spec declares: JSON, `multipart/form-data` with files,
 * `application/x-www-form-urlencoded`, and raw bytes or text. Hand-written, copied verbatim into
 * the generated package as `core/request-body.ts`.
 *
 * Bodies are built once, before the first attempt, into values fetch can send again (a string,
 * `FormData`, `URLSearchParams` or `Blob`), so a retried request carries the same body. A
 * `ReadableStream` given as a file is read into a `Blob` first for that reason.
 */
import { TelnyxError } from './errors.js';
import { isFileData, isUploadable } from './guard-support.js';
import { queryPairs } from './request-params.js';
import type { ValidationResult } from './validation.js';

/** The bytes of a file: anything fetch can send, or a stream of them. */
export type FileData = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | string;

/** A file with the name and content type the server should see. */
export interface FileUpload {
  data: FileData;
  filename?: string | undefined;
  contentType?: string | undefined;
}

/** What a file field (`type: string, format: binary`) accepts. */
export type Uploadable = FileData | FileUpload;

export type BodyKind = 'json' | 'multipart' | 'form' | 'binary' | 'text';

/** One content type an operation accepts. */
export interface BodyVariant {
  contentType: string;
  kind: BodyKind;
  /**
   * A file or text body, a JSON body that need not be an object (an array, a string, a
   * number…), or a form whose fields the spec does not give: the params' `body` is sent as it
   * is, instead of the params' remaining fields; `required` when the spec says so.
   */
  whole?: 'required' | 'optional' | undefined;
  /** Local check of the body for this content type; skipped when `validate` is false. */
  validate?: ((body: unknown) => ValidationResult<unknown>) | undefined;
}

/** `{ data, filename, contentType }`, for a file given as bytes or a stream. */
export function toFile(data: FileData, filename?: string, contentType?: string): FileUpload {
  return { data, filename, contentType };
}

/** A file given as something other than text: it decides for multipart when several types are possible. */
function isBinaryFile(value: unknown): boolean {
  return isUploadable(value) && typeof value !== 'string';
}

/**
 * The variant to send: the one the caller named in `contentType`; else the first that can carry
 * files when the params hold one; else the first declared.
 */
export function chooseVariant(
  variants: readonly BodyVariant[],
  fields: Record<string, unknown>,
  contentType: string | undefined,
): BodyVariant {
  if (contentType !== undefined) {
    const named = variants.find((v) => v.contentType === contentType);
    if (!named) {
      const known = variants.map((v) => v.contentType).join(', ');
      throw new TelnyxError(`Content type ${contentType} is not one this operation accepts (${known}).`);
    }
    return named;
  }
  const hasFile = Object.values(fields).some(
    (v) => isBinaryFile(v) || (Array.isArray(v) && v.some(isBinaryFile)),
  );
  const carriesFiles = (v: BodyVariant) => v.kind === 'multipart' || v.kind === 'binary';
  return (hasFile ? variants.find(carriesFiles) : variants.find((v) => !carriesFiles(v))) ?? variants[0]!;
}

/** What fetch sends. `contentType` is undefined for multipart: fetch writes it with the boundary. */
export interface EncodedBody {
  body: string | FormData | URLSearchParams | Blob;
  contentType: string | undefined;
}

/** For `binary`, `text` and a whole JSON body, the params key that holds the body. */
export const RAW_BODY_KEY = 'body';

export async function encodeBody(
  variant: BodyVariant,
  fields: Record<string, unknown>,
): Promise<EncodedBody> {
  switch (variant.kind) {
    case 'json':
      return {
        body: JSON.stringify(variant.whole ? fields[RAW_BODY_KEY] : fields),
        contentType: variant.contentType,
      };
    case 'form':
      if (variant.whole) return { body: wholeForm(fields[RAW_BODY_KEY]), contentType: variant.contentType };
      return { body: new URLSearchParams(formPairs(fields)), contentType: variant.contentType };
    case 'multipart':
      // Either way fetch writes the content type, with the boundary it chose.
      if (variant.whole) return { body: wholeMultipart(fields[RAW_BODY_KEY]), contentType: undefined };
      return { body: await multipart(fields), contentType: undefined };
    case 'binary':
    case 'text': {
      const raw = fields[RAW_BODY_KEY];
      if (raw === undefined) throw new TelnyxError(`The request body (\`${RAW_BODY_KEY}\`) is missing.`);
      const file = await toBlob(raw, variant.contentType);
      return { body: file.blob, contentType: file.type ?? variant.contentType };
    }
  }
}

/** A form body the caller built: the encoded string, or `URLSearchParams`. */
function wholeForm(raw: unknown): string {
  if (typeof raw === 'string' || raw instanceof URLSearchParams) return raw.toString();
  throw new TelnyxError(`The form body (\`${RAW_BODY_KEY}\`) must be an encoded string or URLSearchParams.`);
}

/** A multipart body the caller built as `FormData`. */
function wholeMultipart(raw: unknown): FormData {
  if (raw instanceof FormData) return raw;
  throw new TelnyxError(`The multipart body (\`${RAW_BODY_KEY}\`) must be a FormData.`);
}

/** Form fields: objects and arrays spelled as query parameters are (`form` style, exploded). */
function formPairs(fields: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .flatMap(([name, value]) => queryPairs({ name, in: 'query', style: 'form', explode: true }, value));
}

/**
 * One part per field, and one part per item of an array field, all under the field's name: OpenAPI
 * 3.1 (section 4.8.15.3) sends an array as repeated parts, as RFC 7578 recommends for a field with
 * several values. Each part is written as its own value's type says: a file as a file, an object
 * (or an array inside the array) as a JSON document, anything else as text.
 */
async function multipart(fields: Record<string, unknown>): Promise<FormData> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isBinaryFile(item)) {
        const file = await toBlob(item, undefined);
        form.append(name, file.blob, file.filename ?? name);
      } else if (typeof item === 'object' && item !== null) {
        // OpenAPI's default content type for an object part is application/json.
        form.append(name, new Blob([JSON.stringify(item)], { type: 'application/json' }));
      } else {
        // null as an empty value, as a form-urlencoded body spells it (`name=`).
        form.append(name, item === null ? '' : String(item));
      }
    }
  }
  return form;
}

interface FileParts {
  blob: Blob;
  filename: string | undefined;
  type: string | undefined;
}

async function toBlob(value: unknown, fallbackType: string | undefined): Promise<FileParts> {
  const upload: FileUpload = isFileData(value) ? { data: value as FileData } : (value as FileUpload);
  if (!isUploadable(upload))
    throw new TelnyxError('A file must be a Blob, bytes, a ReadableStream or a string.');
  const named = typeof File !== 'undefined' && upload.data instanceof File ? upload.data.name : undefined;
  const given = upload.data instanceof Blob && upload.data.type !== '' ? upload.data.type : undefined;
  const type = upload.contentType ?? given ?? fallbackType;
  const data = upload.data instanceof ReadableStream ? await readStream(upload.data) : upload.data;
  const blob =
    data instanceof Blob && (type === undefined || data.type === type)
      ? data
      : new Blob([data as BlobPart], type === undefined ? {} : { type });
  return { blob, filename: upload.filename ?? named, type };
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<Blob> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return new Blob(chunks as BlobPart[]);
}
