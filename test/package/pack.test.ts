/**
 * `npm pack` of generated/ from a clean copy (no dist/) gives a package that installs and works:
 * fresh apps type-check against the installed tarball with `skipLibCheck: false` and then run on
 * this Node, as ESM (`moduleResolution` node16 and bundler) and as CommonJS (`require`, served by
 * require(esm) from the one ESM build).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GENERATED,
  installPackage,
  packedTarball,
  removeDir,
  ROOT,
  run,
  startActionServer,
  tarballFiles,
} from './helpers.ts';
import { SCENARIO_BODY, SCENARIO_IMPORTS, SCENARIO_RESULT } from './scenario.ts';

const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
/** Every app type-checks the package's .d.ts files too, and gets Node's types from the project. */
const STRICT = {
  strict: true,
  skipLibCheck: false,
  target: 'ES2022',
  outDir: 'out',
  typeRoots: [join(ROOT, 'node_modules/@types')],
  types: ['node'],
};

interface App {
  name: string;
  type: 'module' | 'commonjs';
  compilerOptions: Record<string, unknown>;
  main: string;
}

const APPS: App[] = [
  {
    name: 'esm-node16',
    type: 'module',
    // A Node server's usual setup: no DOM lib, so the package's types must not need it.
    compilerOptions: { module: 'node16', moduleResolution: 'node16', lib: ['ES2022'] },
    main: `${SCENARIO_IMPORTS}\n${SCENARIO_BODY}`,
  },
  {
    name: 'esm-bundler',
    type: 'module',
    compilerOptions: { module: 'ESNext', moduleResolution: 'bundler' },
    main: `${SCENARIO_IMPORTS}\n${SCENARIO_BODY}`,
  },
  {
    name: 'cjs-nodenext',
    type: 'commonjs',
    // TypeScript compiles these imports to require(); it allows that for an ESM package under
    // nodenext, as Node 20.19+ does.
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' },
    main: `${SCENARIO_IMPORTS}\nasync function main(): Promise<void> {${SCENARIO_BODY}}\nvoid main();\n`,
  },
];

let appsDir = '';
let api: Awaited<ReturnType<typeof startActionServer>>;

beforeAll(async () => {
  api = await startActionServer();
  appsDir = await installPackage();
  for (const app of APPS) {
    const dir = join(appsDir, app.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type: app.type }));
    const compilerOptions = { ...STRICT, ...app.compilerOptions };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['main.ts'] }));
    writeFileSync(join(dir, 'main.ts'), app.main);
  }
}, 240_000);

afterAll(async () => {
  await api?.close();
  removeDir(appsDir);
});

/** Runs a script with node and returns the one JSON line it prints. */
async function runNode(file: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, [file], {
    env: { ...process.env, ACTION_URL: api.baseURL },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');
}

describe('npm pack of generated/', () => {
  it('builds dist/ before packing, and ships every file the exports map names', async () => {
    const files = await tarballFiles(await packedTarball());
    const { exports } = JSON.parse(readFileSync(join(GENERATED, 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>;
    };
    const targets = Object.values(exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    expect(targets).toContain('./dist/index.js');
    for (const target of targets) expect(files, target).toContain(target.replace(/^\.\//, ''));
    expect(files).not.toContain('tsconfig.tsbuildinfo');
  });

  for (const app of APPS) {
    it(`${app.name}: type-checks against the installed package and runs on node`, async () => {
      const dir = join(appsDir, app.name);
      const checked = await run(process.execPath, [TSC, '-p', dir]).catch((err: { stdout: string }) => err);
      expect('stdout' in checked ? checked.stdout : '').toBe('');
      const before = api.requests.length;
      expect(await runNode(join(dir, 'out/main.js'))).toStrictEqual(SCENARIO_RESULT);
      const sent = api.requests.slice(before);
      expect(sent.map((r) => `${r.method} ${r.url}`)).toStrictEqual([
        'POST /v2/calls/v3:call-1/actions/speak',
      ]);
      expect(JSON.parse(sent[0]!.body)).toMatchObject({ payload: 'Hello', voice: 'Telnyx.KokoroTTS.af' });
      expect(sent[0]!.headers.authorization).toBe('Bearer test-key');
    }, 120_000);
  }

  it("plain require('telnyx-voice-media') works, and gives the same classes as import", async () => {
    const file = join(appsDir, 'require.cjs');
    writeFileSync(
      file,
      `const pkg = require('telnyx-voice-media');
const webhooks = require('telnyx-voice-media/webhooks');
const testing = require('telnyx-voice-media/testing');
import('telnyx-voice-media').then((esm) => console.log(JSON.stringify({
  telnyx: typeof pkg.Telnyx,
  isDefault: pkg.default === pkg.Telnyx,
  sameAPIError: esm.APIError === pkg.APIError,
  sameVerifier: esm.verifyWebhookSignature === webhooks.verifyWebhookSignature,
  signer: typeof testing.signWebhook,
})));
`,
    );
    expect(await runNode(file)).toStrictEqual({
      telnyx: 'function',
      isDefault: true,
      sameAPIError: true,
      sameVerifier: true,
      signer: 'function',
    });
  });
});
