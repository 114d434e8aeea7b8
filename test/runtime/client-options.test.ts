/**
 * The client's options: where each default comes from, and the checks that refuse a bad value
 * when the client is built, naming the option. `resolveOptions` is what `ClientCore` runs first;
 * the base URL and key reaching real requests are tested against a server in client.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkByteLimit, resolveOptions, type ClientOptions } from '../../runtime/client-options.ts';
import { TelnyxError } from '../../runtime/errors.ts';
import { DEFAULTS } from './helpers/client.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

const resolve = (options: ClientOptions = {}, defaults = DEFAULTS) => resolveOptions(options, defaults);

/** The message of the TelnyxError `run` throws. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TelnyxError);
    return (error as Error).message;
  }
  throw new Error('expected a TelnyxError');
}

describe('defaults', () => {
  it("are the spec's server, 60 s, 2 retries, validation on, 8 MiB, the global fetch", () => {
    vi.stubEnv('TELNYX_API_KEY', '');
    expect(resolve()).toEqual({
      apiKey: '',
      baseURL: 'https://api.telnyx.com/v2',
      timeout: 60_000,
      maxRetries: 2,
      fetch: globalThis.fetch,
      validate: true,
      maxResponseBytes: 8 * 1024 * 1024,
    });
  });

  it('the base URL loses every trailing slash, given or default', () => {
    expect(resolve({ baseURL: 'http://127.0.0.1:9/v2///' }).baseURL).toBe('http://127.0.0.1:9/v2');
    expect(resolve({}, { ...DEFAULTS, baseURL: 'https://eu.example/v2//' }).baseURL).toBe(
      'https://eu.example/v2',
    );
  });
});

describe('the API key', () => {
  it('is read from the named environment variable, trimmed; blank there counts as none', () => {
    vi.stubEnv('TELNYX_API_KEY', '  KEY_FROM_ENV \n');
    expect(resolve().apiKey).toBe('KEY_FROM_ENV');
    vi.stubEnv('TELNYX_API_KEY', ' \t ');
    expect(resolve().apiKey).toBe('');
    expect(resolve({ apiKey: 'given' }).apiKey).toBe('given');
  });

  it('is read from no variable at all when the generated client names none', () => {
    const { apiKeyEnv: _none, ...noEnv } = DEFAULTS;
    vi.stubEnv('TELNYX_API_KEY', 'KEY_FROM_ENV');
    // A variable literally named "undefined" is what a lookup of a missing name would find.
    vi.stubEnv('undefined', 'KEY_FROM_NOWHERE');
    expect(resolve({}, noEnv).apiKey).toBe('');
  });

  it('is none, without throwing, where there is no process or no process.env (browsers, edge)', () => {
    const saved = globalThis.process;
    const keys: string[] = [];
    try {
      for (const stand of [undefined, {}]) {
        (globalThis as { process?: unknown }).process = stand;
        keys.push(resolve().apiKey);
      }
    } finally {
      globalThis.process = saved;
    }
    expect(keys).toEqual(['', '']);
  });
});

describe('checks', () => {
  it('timeout and maxRetries must be finite and not negative; the message names the option', () => {
    for (const bad of [-1, -0.5, NaN, Infinity]) {
      expect(refusal(() => resolve({ timeout: bad }))).toBe(
        `Option \`timeout\` must be a non-negative number, got ${bad}.`,
      );
      expect(refusal(() => resolve({ maxRetries: bad }))).toBe(
        `Option \`maxRetries\` must be a non-negative number, got ${bad}.`,
      );
    }
    expect(resolve({ timeout: 0, maxRetries: 0 })).toMatchObject({ timeout: 0, maxRetries: 0 });
  });

  it('maxResponseBytes must be a number, not NaN and not negative; 0 and Infinity are limits too', () => {
    for (const bad of [-1, NaN, '5' as unknown as number, null as unknown as number]) {
      expect(refusal(() => checkByteLimit(bad))).toBe(
        `Option \`maxResponseBytes\` must be a non-negative number, got ${bad}.`,
      );
      // `null` in the client options reads as unset (`??`), so only checkByteLimit sees it.
      if (bad !== null) expect(() => resolve({ maxResponseBytes: bad })).toThrow(TelnyxError);
    }
    expect(checkByteLimit(0)).toBe(0);
    expect(checkByteLimit(Infinity)).toBe(Infinity);
    expect(resolve({ maxResponseBytes: 0 }).maxResponseBytes).toBe(0);
  });

  it('a runtime without a global fetch needs the fetch option, and says so', () => {
    vi.stubGlobal('fetch', undefined);
    expect(refusal(() => resolve())).toBe('No global `fetch` in this runtime: pass the `fetch` option.');
    const own = (async () => new Response('{}')) as typeof fetch;
    expect(resolve({ fetch: own }).fetch).toBe(own);
  });
});
