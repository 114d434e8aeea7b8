/**
 * The tree-shaking users can count on, checked with esbuild (which honours the package's
 * `sideEffects: false`) on the package's sources: a bundle that imports only the API client
 * carries no webhook verifier, handler or event guard; one that imports only the webhook half
 * carries no client. The sizes are held to the budgets in bench/README.md ("Bundle size
 * budgets"), which this test reads from that table.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED, ROOT } from './helpers.ts';

const SRC = join(GENERATED, 'src');

async function bundle(imports: string, uses: string, minify = false): Promise<string> {
  const result = await build({
    stdin: { contents: `${imports}\nconsole.log(${uses});`, resolveDir: SRC, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    minify,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** The budgets, by name, from bench/README.md's table: `| \`name\`: ... | <bytes> | ... |`. */
function budgets(): Record<string, number> {
  const readme = readFileSync(join(ROOT, 'bench/README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Bundle size budgets'));
  const rows = [...section.matchAll(/^\| `(\w+)`[^|]*\| (\d+) \|/gm)];
  return Object.fromEntries(rows.map((m) => [m[1]!, Number(m[2])]));
}

/** The event guards the webhook half uses, as webhooks.ts imports them. */
function eventGuards(): string[] {
  const webhooks = readFileSync(join(SRC, 'webhooks.ts'), 'utf8');
  return [...webhooks.matchAll(/import \{ (validate\w+) \} from '\.\/guards\//g)].map((m) => m[1]!);
}

/** Names esbuild keeps in an unminified bundle (as `var X = class`, `function X(`). */
const WEBHOOK_CODE = ['checkWebhookSignature', 'unwrapWebhookWith', 'WebhookClient'];
const WEBHOOK_ENTRIES = ['verifyWebhookSignature', 'createWebhookHandlerWith'];
const CLIENT_CODE = ['ClientCore', 'TelnyxClient', 'CallsActions'];

describe('tree-shaking', () => {
  it('finds the event guards to look for', () => {
    expect(eventGuards().length).toBeGreaterThan(0);
  });

  for (const [name, imports] of [
    ['the main entry', "import { TelnyxClient } from './index.ts';"],
    ['the ./client entry', "import { TelnyxClient } from './client.ts';"],
  ]) {
    it(`TelnyxClient from ${name} brings no webhook code and no event guard`, async () => {
      const code = await bundle(imports!, "new TelnyxClient({ apiKey: 'k' })");
      expect(code).toContain('TelnyxClient');
      for (const marker of [...WEBHOOK_CODE, ...WEBHOOK_ENTRIES, ...eventGuards()]) {
        expect(code, marker).not.toContain(marker);
      }
    });
  }

  it('the full Telnyx class (with webhooks) does bring them: the markers are real', async () => {
    const code = await bundle("import { Telnyx } from './index.ts';", "new Telnyx({ apiKey: 'k' })");
    for (const marker of [...WEBHOOK_CODE, ...eventGuards()]) expect(code, marker).toContain(marker);
  });

  for (const [what, imports, uses] of [
    [
      'verifyWebhookSignature',
      "import { verifyWebhookSignature } from './index.ts';",
      'verifyWebhookSignature',
    ],
    ['createWebhookHandler', "import { createWebhookHandler } from './index.ts';", 'createWebhookHandler'],
    ['the ./webhooks entry', "import * as webhooks from './webhooks.ts';", 'webhooks'],
  ]) {
    it(`${what} brings no client`, async () => {
      const code = await bundle(imports!, uses!);
      expect(code).toContain('checkWebhookSignature');
      for (const marker of CLIENT_CODE) expect(code, marker).not.toContain(marker);
    });
  }

  it('stays within the size budgets in bench/README.md', async () => {
    const limits = budgets();
    expect(Object.keys(limits).sort()).toStrictEqual(['overlap', 'verifier']);
    const size = async (imports: string, uses: string) => (await bundle(imports, uses, true)).length;
    const verifier = await size(
      "import { verifyWebhookSignature } from './index.ts';",
      'verifyWebhookSignature',
    );
    const client = await size("import { TelnyxClient } from './index.ts';", 'TelnyxClient');
    const handler = await size("import { createWebhookHandler } from './index.ts';", 'createWebhookHandler');
    const both = await size(
      "import { TelnyxClient, createWebhookHandler } from './index.ts';",
      'TelnyxClient, createWebhookHandler',
    );
    const sizes = { verifier, overlap: client + handler - both };
    const report = `sizes ${JSON.stringify(sizes)} against budgets ${JSON.stringify(limits)} (bench/README.md)`;
    expect(sizes.verifier, report).toBeLessThanOrEqual(limits['verifier']!);
    expect(sizes.overlap, report).toBeLessThanOrEqual(limits['overlap']!);
  });
});
