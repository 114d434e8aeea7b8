/**
 * Where `spec:update` reads Telnyx's full spec from: a file, or a URL. A URL must be `https:`;
 * plain `http:` is refused unless the host is a loopback address (127.0.0.0/8, ::1, localhost),
 * where nothing crosses a network and tests can serve a spec. Redirects are followed by hand so
 * that every hop meets the same rule. The body is read up to a size limit, never unbounded.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { basename, resolve } from 'node:path';

/** Telnyx's full spec is about 4 MB and grows; anything far beyond is not a spec. */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/** How long one request may take, headers and body together. */
const FETCH_TIMEOUT_MS = 120_000;

export interface SourceText {
  text: string;
  /**
   * What the fragment's header and the report call the source: the URL as given, less
   * credentials, query and fragment; or the file's name, as `spec:extract` writes it.
   */
  label: string;
}

export class SourceError extends Error {
  override name = 'SourceError';
}

export const isUrl = (from: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(from);

export async function readSource(from: string, cwd: string): Promise<SourceText> {
  if (isUrl(from)) return fetchSource(from);
  try {
    return { text: readFileSync(resolve(cwd, from), 'utf8'), label: basename(from) };
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new SourceError(`cannot read ${from}: ${reason}`);
  }
}

/** Throws unless the URL may be fetched: https anywhere, http only on loopback. */
export function checkUrlAllowed(url: URL): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:') {
    if (isLoopback(url.hostname)) return;
    throw new SourceError(
      `refusing plain http for ${url.host}: use https (http is allowed only for loopback hosts)`,
    );
  }
  throw new SourceError(`unsupported URL scheme ${url.protocol} in ${displayUrl(url)}: use https`);
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** The URL as reports may show it: no user, password, query or fragment, which can hold secrets. */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

async function fetchSource(from: string): Promise<SourceText> {
  let url: URL;
  try {
    url = new URL(from);
  } catch {
    throw new SourceError(`not a valid URL: ${from}`);
  }
  const label = displayUrl(url);
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    checkUrlAllowed(url);
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal });
    } catch (err) {
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      throw new SourceError(`cannot fetch ${displayUrl(url)}: ${cause ?? (err as Error).message}`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      url = new URL(location, url);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new SourceError(
        `GET ${displayUrl(url)} answered ${response.status} ${response.statusText}`.trim(),
      );
    }
    return { text: await readLimited(response, url), label };
  }
  throw new SourceError(`more than ${MAX_REDIRECTS} redirects from ${label}`);
}

async function readLimited(response: Response, url: URL): Promise<string> {
  const tooLarge = () =>
    new SourceError(`${displayUrl(url)} is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB; not a spec`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_SOURCE_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    size += read.value.byteLength;
    if (size > MAX_SOURCE_BYTES) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}
