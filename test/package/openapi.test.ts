/**
 * `telnyx-voice-media/openapi` works as openapi-typescript output does for openapi-fetch users:
 * an app with the packed package and openapi-fetch installed type-checks a `createClient<paths>()`
 * call (and refuses wrong bodies, through `@ts-expect-error`, which is itself an error when the
 * line compiles), then runs it against a loopback server.
 *
 * openapi-fetch is not a dependency of the project: it is fetched from npm into .cache/ here.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTool, installPackage, removeDir, ROOT, run, startActionServer } from './helpers.ts';

const OPENAPI_FETCH = 'openapi-fetch@0.17.0';
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

const MAIN = `
import createClient from 'openapi-fetch';
import type { paths } from 'telnyx-voice-media/openapi';

const client = createClient<paths>({
  baseUrl: process.env['ACTION_URL'] ?? '',
  headers: { Authorization: 'Bearer test-key' },
});
const path = '/calls/{call_control_id}/actions/speak' as const;
const params = { path: { call_control_id: 'v3:call-1' } };

// Wrong bodies do not compile. (An unknown extra field does: openapi-fetch infers \`body\` through a
// generic, where TypeScript makes no excess-property check.)
async function wrong(): Promise<void> {
  // @ts-expect-error voice is required
  await client.POST(path, { params, body: { payload: 'Hello' } });
  // @ts-expect-error payload_type is 'text' | 'ssml'
  await client.POST(path, { params, body: { payload: 'Hello', voice: 'male', payload_type: 'html' } });
  // @ts-expect-error payload is a string
  await client.POST(path, { params, body: { payload: 42, voice: 'male' } });
  // @ts-expect-error the path parameter is required
  await client.POST(path, { body: { payload: 'Hello', voice: 'male' } });
}
void wrong;

const { data, error, response } = await client.POST(path, {
  params,
  body: { payload: 'Hello', voice: 'Telnyx.KokoroTTS.af', payload_type: 'text' },
});
console.log(JSON.stringify({ status: response.status, result: data?.data?.result, error: error ?? null }));
`;

let app: { dir: string } | { skip: string };
let api: Awaited<ReturnType<typeof startActionServer>>;

beforeAll(async () => {
  api = await startActionServer();
  const tool = await fetchTool('openapi-fetch', OPENAPI_FETCH);
  if ('skip' in tool) {
    app = tool;
    return;
  }
  const dir = await installPackage({ private: true, type: 'module' });
  // openapi-fetch and its one dependency, as if installed beside the package.
  for (const name of ['openapi-fetch', 'openapi-typescript-helpers']) {
    symlinkSync(join(tool.dir, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  }
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/main.ts'), MAIN);
  const compilerOptions = {
    strict: true,
    skipLibCheck: false,
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    outDir: 'out',
    typeRoots: [join(ROOT, 'node_modules/@types')],
    types: ['node'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
  app = { dir };
}, 240_000);

afterAll(async () => {
  await api?.close();
  if (app && 'dir' in app) removeDir(app.dir);
});

describe('telnyx-voice-media/openapi with openapi-fetch', () => {
  it('type-checks a call and rejects wrong bodies, then sends the action', async (ctx) => {
    if ('skip' in app) return ctx.skip(app.skip);
    const checked = await run(process.execPath, [TSC, '-p', app.dir]).catch((err: { stdout: string }) => err);
    expect('stdout' in checked ? checked.stdout : '').toBe('');
    const { stdout } = await run(process.execPath, [join(app.dir, 'out/main.js')], {
      env: { ...process.env, ACTION_URL: api.baseURL },
    });
    expect(JSON.parse(stdout)).toStrictEqual({ status: 200, result: 'ok', error: null });
    const sent = api.requests.at(-1)!;
    expect(`${sent.method} ${sent.url}`).toBe('POST /v2/calls/v3%3Acall-1/actions/speak');
    expect(sent.headers.authorization).toBe('Bearer test-key');
    expect(JSON.parse(sent.body)).toStrictEqual({
      payload: 'Hello',
      voice: 'Telnyx.KokoroTTS.af',
      payload_type: 'text',
    });
  }, 120_000);
});
