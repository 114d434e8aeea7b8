/**
 * The same app (edge-apps.ts: a webhook handler that answers `call.speak.ended` with a speak
 * action) runs on Bun, Deno and Cloudflare Workers (workerd, through Miniflare), each from the
 * packed package installed in node_modules. For each: a webhook signed with the package's
 * `/testing` signer is delivered over loopback HTTP and triggers the action on the loopback API;
 * a tampered one gets 400 and triggers nothing.
 *
 * The runtimes are fetched from npm into .cache/ at test time, pinned; each test skips, saying
 * why, when its fetch fails. Miniflare 4.20260426.0 is the last release whose engines allow
 * Node 20 (later ones need Node 22).
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { generateWebhookKeyPair, signWebhook, type WebhookKeyPair } from '../../generated/src/testing.ts';
import { APP, BUN_SERVER, DENO_SERVER, WORKER } from './edge-apps.ts';
import { fetchTool, installPackage, removeDir, ROOT, startActionServer } from './helpers.ts';
import { SPEAK_ENDED } from './scenario.ts';

const BUN = { spec: '@oven/bun-linux-x64@1.4.4', bin: 'node_modules/@oven/bun-linux-x64/bin/bun' };
const DENO = { spec: '@deno/linux-x64-glibc@2.9.6', bin: 'node_modules/@deno/linux-x64-glibc/deno' };
const MINIFLARE = 'miniflare@4.20260426.0';
/** The slice of Miniflare's API used here (it is fetched at test time, so has no types here). */
type MiniflareClass = new (options: Record<string, unknown>) => {
  ready: Promise<URL>;
  dispose(): Promise<void>;
};
/** How long a runtime may take to start listening (a cold start on a busy 2-core machine). */
const START_TIMEOUT_MS = 60_000;

let dir = '';
let keys: WebhookKeyPair;
let api: Awaited<ReturnType<typeof startActionServer>>;
let env: { ACTION_URL: string; TELNYX_PUBLIC_KEY: string };

beforeAll(async () => {
  api = await startActionServer();
  keys = await generateWebhookKeyPair();
  env = { ACTION_URL: api.baseURL, TELNYX_PUBLIC_KEY: keys.publicKey };
  dir = await installPackage({ private: true, type: 'module' });
  const files = {
    'app.ts': APP,
    'bun-server.ts': BUN_SERVER,
    'deno-server.ts': DENO_SERVER,
    'worker.ts': WORKER,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}, 240_000);

afterAll(async () => {
  await api?.close();
  removeDir(dir);
});

/** The binary of a fetched runtime, or a skip that says why there is none. */
async function runtimeBinary(ctx: TestContext, name: string, tool: { spec: string; bin: string }) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return ctx.skip(
      `${tool.spec} is the linux-x64 build; this machine is ${process.platform}-${process.arch}`,
    );
  }
  const fetched = await fetchTool(name, tool.spec);
  if ('skip' in fetched) return ctx.skip(fetched.skip);
  return join(fetched.dir, tool.bin);
}

/** Starts a server process and resolves with its URL once it prints `LISTENING <port>`. */
function startServer(command: string, args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(command, args, {
    cwd: dir,
    env: { ...process.env, ...env, ...extraEnv, NO_COLOR: '1' },
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no LISTENING line in time:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /LISTENING (\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}/webhooks`);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
  return { url, output: () => output, stop: () => child.kill() };
}

/** Posts a tampered and then a genuine signed webhook; returns the statuses and the actions sent. */
async function deliver(url: string) {
  const headers = {
    ...(await signWebhook(SPEAK_ENDED, keys.privateKey)),
    'content-type': 'application/json',
  };
  const before = api.requests.length;
  const post = (body: string) => fetch(url, { method: 'POST', headers, body });
  const tampered = await post(SPEAK_ENDED.replace('completed', 'failed'));
  const afterTampered = api.requests.length;
  const accepted = await post(SPEAK_ENDED);
  return {
    tampered: tampered.status,
    actionsAfterTampered: afterTampered - before,
    accepted: accepted.status,
    actions: api.requests
      .slice(before)
      .map((r) => ({ call: `${r.method} ${r.url}`, body: JSON.parse(r.body) })),
  };
}

const EXPECTED = {
  tampered: 400,
  actionsAfterTampered: 0,
  accepted: 200,
  actions: [
    {
      call: 'POST /v2/calls/v3:call-1/actions/speak',
      // command_id: the idempotency key the client adds, from the runtime's crypto.randomUUID.
      body: {
        payload: 'Goodbye',
        voice: 'Telnyx.KokoroTTS.af',
        command_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    },
  ],
};

describe('the package on other runtimes', () => {
  it('Bun: delivers a signed webhook and sends the action', async (ctx) => {
    const bun = await runtimeBinary(ctx, 'bun', BUN);
    const server = startServer(bun, ['run', 'bun-server.ts']);
    try {
      expect(await deliver(await server.url), server.output()).toStrictEqual(EXPECTED);
    } finally {
      server.stop();
    }
  }, 180_000);

  it('Deno: delivers a signed webhook and sends the action', async (ctx) => {
    const deno = await runtimeBinary(ctx, 'deno', DENO);
    const permissions = ['--allow-net=127.0.0.1', '--allow-env=ACTION_URL,TELNYX_PUBLIC_KEY', '--no-prompt'];
    const server = startServer(deno, ['run', ...permissions, 'deno-server.ts'], {
      DENO_DIR: join(ROOT, '.cache/deno-dir'),
      DENO_NO_UPDATE_CHECK: '1',
    });
    try {
      expect(await deliver(await server.url), server.output()).toStrictEqual(EXPECTED);
    } finally {
      server.stop();
    }
  }, 180_000);

  it('Cloudflare Workers (workerd via Miniflare): delivers a signed webhook and sends the action', async (ctx) => {
    const fetched = await fetchTool('miniflare', MINIFLARE);
    if ('skip' in fetched) return ctx.skip(fetched.skip);
    const { Miniflare } = (await import(
      pathToFileURL(join(fetched.dir, 'node_modules/miniflare/dist/src/index.js')).href
    )) as { Miniflare: MiniflareClass };
    // Bundled the way Wrangler bundles a Worker: esbuild, the package resolved from node_modules.
    const bundled = await build({
      entryPoints: [join(dir, 'worker.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    const mf = new Miniflare({
      modules: true,
      script: bundled.outputFiles[0]!.text,
      compatibilityDate: '2026-01-01',
      bindings: env,
      host: '127.0.0.1',
    });
    try {
      const url = await mf.ready;
      expect(await deliver(new URL('/webhooks', url).href)).toStrictEqual(EXPECTED);
    } finally {
      await mf.dispose();
    }
  }, 180_000);
});
