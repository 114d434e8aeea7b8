/**
 * One module per resource pays off only if a bundler can leave the others out. esbuild bundles a
 * file that imports one resource class from the package's entry point (as a user writes it), and
 * the bundle must hold that resource and nothing of the others, the webhook verifier or the
 * client that builds every resource; the whole client's bundle is the yardstick. The committed
 * package (generated/) stands in for any size: every resource is its own module either way.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
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
    const one = await bundle(`import { Media } from ${JSON.stringify(entry)};\nconsole.log(Media);`);
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
