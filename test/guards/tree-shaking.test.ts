/**
 * Importing one guard from the package pulls in that guard and what it references, nothing else:
 * proven by bundling with esbuild, which honours the package's `sideEffects: false`. The source
 * entry is bundled (no build needed); generated/package.json still governs it.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/generate.ts';

async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    minify: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('tree-shaking', () => {
  it('one webhook guard brings only its own schema chain', async () => {
    const code = await bundle(
      "import { isCallSpeakEndedEvent } from './generated/src/index.ts';\nconsole.log(isCallSpeakEndedEvent(JSON.parse('{}')));",
    );
    expect(code).toContain('function isCallSpeakEnded(');
    for (const other of [
      'isSpeakRequest',
      'isPlayAudioUrlRequest',
      'isCallPlaybackEnded',
      'checkCallSpeakEnded',
      'ClientCore',
      'verifyWebhookSignature',
      'createWebhookHandlerWith',
    ]) {
      expect(code, other).not.toContain(other);
    }
  });

  it('the whole client is far larger than one guard', async () => {
    const guard = await bundle(
      "import { isCallSpeakEndedEvent } from './generated/src/index.ts';\nconsole.log(isCallSpeakEndedEvent);",
    );
    const client = await bundle(
      "import { Telnyx } from './generated/src/index.ts';\nconsole.log(new Telnyx({ apiKey: 'k' }));",
    );
    expect(client).toContain('ClientCore');
    expect(guard.length * 3).toBeLessThan(client.length);
  });
});
