/**
 * The CLI's worker thread (generator/cli/worker.ts, through helper-thread.ts), started for real:
 * the spec it parses as it starts, what it answers when asked for another text, and that a
 * parsed spec crosses the thread boundary whole (values, shared references, `__proto__` keys,
 * positions, diagnostics), and which texts it leaves to the calling thread.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSpecText, withLocate } from '../../generator/core/load.ts';
import { startHelperThread, type HelperThread } from '../../generator/cli/helper-thread.ts';
import { LARGE_SPEC_BYTES } from '../../generator/cli/run-flags.mjs';
import { ROOT, tempDir } from '../helpers/generate.ts';

const started: HelperThread[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.close()));
});

function start(options: Parameters<typeof startHelperThread>[0]): HelperThread {
  const helper = startHelperThread(options);
  started.push(helper);
  return helper;
}

const TEXT = [
  'openapi: 3.1.0',
  'info: {title: t, version: "1"}',
  'paths: {}',
  'components:',
  '  schemas:',
  '    __proto__: &shared {type: object, properties: {constructor: {type: string}}}',
  '    Again: *shared',
  '',
].join('\n');

describe('the helper thread', () => {
  it('answers with the spec it parsed as it started, equal to parsing on this thread', async () => {
    const path = join(tempDir('helper'), 'spec.yaml');
    writeFileSync(path, TEXT);
    const helper = start({ spec: { path, fileName: 'spec.yaml' } });
    const fromThread = withLocate(await helper.parse(TEXT, 'spec.yaml'));
    const here = loadSpecText(TEXT, 'spec.yaml');
    expect(fromThread.document).toEqual(here.document);
    expect(fromThread.sha256).toBe(here.sha256);
    expect(fromThread.diagnostics).toEqual([]);
    const schemas = (fromThread.document as { components: { schemas: Record<string, unknown> } }).components
      .schemas;
    // An own `__proto__` key stays a key, and an alias stays the same object.
    expect(Object.keys(schemas)).toEqual(['__proto__', 'Again']);
    expect(Object.getPrototypeOf(schemas)).toBe(Object.prototype);
    expect(schemas.Again).toBe(schemas['__proto__']);
    for (const pointer of [
      '#/components/schemas/Again',
      '#/components/schemas/__proto__/properties/constructor',
    ])
      expect(fromThread.locate(pointer)).toEqual(here.locate(pointer));
  });

  it('parses the text it is sent when that is not what it read (the file changed, or --watch)', async () => {
    const path = join(tempDir('helper'), 'spec.yaml');
    writeFileSync(path, TEXT);
    const helper = start({ spec: { path, fileName: 'spec.yaml' } });
    const changed = TEXT.replace('title: t', 'title: changed');
    const parsed = await helper.parse(changed, 'spec.yaml');
    expect((parsed.document as { info: { title: string } }).info.title).toBe('changed');
    // Asked again for the first text, it parses it afresh: nothing stale is kept.
    const again = await helper.parse(TEXT, 'spec.yaml');
    expect((again.document as { info: { title: string } }).info.title).toBe('t');
  });

  it('reports a syntax error with its line, and reads a spec it could not parse early', async () => {
    const helper = start({
      spec: { path: join(tempDir('helper'), 'missing.yaml'), fileName: 'missing.yaml' },
    });
    const parsed = await helper.parse('openapi: 3.1.0\ninfo: {title: t\n', 'bad.yaml');
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ code: 'yaml-syntax', file: 'bad.yaml', line: 3 }),
    ]);
  });

  it('formats after parsing, on the same thread', async () => {
    const helper = start({
      spec: { path: join(ROOT, 'spec/voice-media.yaml'), fileName: 'spec/voice-media.yaml' },
    });
    const text = readFileSync(join(ROOT, 'spec/voice-media.yaml'), 'utf8');
    const parsed = await helper.parse(text, 'spec/voice-media.yaml');
    expect(parsed.document).toEqual(loadSpecText(text, 'spec/voice-media.yaml').document);
    const [file] = await helper.format([{ path: 'a.ts', content: 'const a = {b:1}' }]);
    expect(file?.content).toBe('const a = { b: 1 };\n');
  });

  it('leaves a text above LARGE_SPEC_BYTES to the calling thread, deciding for each text (--watch)', async () => {
    const helper = start({});
    await helper.close();
    // Closed, the thread answers nothing: a text sent to it stays unanswered.
    const unanswered = Symbol('unanswered');
    const answer = (text: string, ms: number) =>
      Promise.race([
        helper.parse(text, 'spec.yaml'),
        new Promise<typeof unanswered>((resolve) => setTimeout(() => resolve(unanswered), ms)),
      ]);
    expect(await answer(TEXT, 300)).toBe(unanswered);
    // The same spec grown past the limit (a comment is enough) is parsed here, whole.
    const large = TEXT + '# ' + 'x'.repeat(LARGE_SPEC_BYTES) + '\n';
    const parsed = await answer(large, 20_000);
    expect(parsed).not.toBe(unanswered);
    const here = loadSpecText(large, 'spec.yaml');
    expect(withLocate(parsed as Exclude<typeof parsed, symbol>).document).toEqual(here.document);
    expect((parsed as { sha256: string }).sha256).toBe(here.sha256);
  });
});
