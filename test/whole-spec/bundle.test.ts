/**
 * One module per resource pays off only if a bundler can leave the others out. esbuild bundles a
 * file that imports one resource class from the package's entry point (as a user writes it), and
 * the bundle must hold that resource and nothing of the others, the webhook verifier or the
 * client that builds every resource; the whole client's bundle is the yardstick. The committed
 * package (generated/) stands in for any size: every resource is its own module either way.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATED } from '../helpers/generate.ts';

async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: GENERATED, sourcefile: 'entry.ts', loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    minify: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

const entry = join(GENERATED, 'src/index.ts');

describe('a bundle that imports one resource', () => {
  it('holds that resource alone, not the others, the webhooks or the whole client', async () => {
    const one = await bundle(
      `import { Media, TelnyxCore } from ${JSON.stringify(entry)};\nconsole.log(new Media(new TelnyxCore()));`,
    );
    const whole = await bundle(
      `import { Telnyx } from ${JSON.stringify(entry)};\nconsole.log(new Telnyx());`,
    );
    expect(one).toContain('"/media/"');
    for (const other of ['"/recordings"', 'playback_start', 'recording_transcriptions'])
      expect(one, `${other} belongs to another resource`).not.toContain(other);
    expect(one, 'the webhook verifier').not.toContain('Ed25519');
    expect(whole).toContain('"/recordings"');
    expect(whole).toContain('Ed25519');
    console.log(`bundle sizes: Media alone ${one.length} B, the whole client ${whole.length} B`);
    expect(one.length).toBeLessThan(whole.length / 3);
  });
});

describe('one resource on a TelnyxCore, bundled alone', () => {
  it('sends its requests like the whole client does', async () => {
    const seen: Array<{ url: string; auth: string | undefined }> = [];
    const server = createServer((req, res) => {
      seen.push({ url: req.url!, auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ media_name: 'greeting' }], meta: { page_number: 1, total_pages: 1 } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const code = await bundle(
        `import { Media, TelnyxCore } from ${JSON.stringify(entry)};
export async function run(baseURL) {
  const media = new Media(new TelnyxCore({ apiKey: 'KEY_LONE', baseURL, maxRetries: 0 }));
  const page = await media.list({ filter: { content_type: ['audio/mpeg'] } });
  return page.data.map((m) => m.media_name);
}`,
      );
      const dir = mkdtempSync(join(tmpdir(), 'lone-resource-'));
      const file = join(dir, 'bundle.mjs');
      writeFileSync(file, code);
      const { run } = (await import(pathToFileURL(file).href)) as { run: (url: string) => Promise<string[]> };
      expect(await run(baseURL)).toEqual(['greeting']);
      expect(seen).toEqual([{ url: '/media?filter[content_type][]=audio%2Fmpeg', auth: 'Bearer KEY_LONE' }]);
      rmSync(dir, { recursive: true, force: true });
    } finally {
      server.close();
    }
  });
});
