/**
 * The generator on a fragment five times the size of ours: every call action and every call
 * webhook in Telnyx's spec (test/fixtures/specs/call-control.yaml, 39 operations and 37
 * webhooks). Nothing in the generator or the naming config knows about them, so this shows that
 * nothing about our seven actions is hard-coded, and that the output still compiles and works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateFromText, ROOT, runAgainst, tempDir, typecheck, writeFiles } from '../helpers/generate.ts';

const SPEC_FILE = 'test/fixtures/specs/call-control.yaml';
const specText = readFileSync(join(ROOT, SPEC_FILE), 'utf8');
const spec = parse(specText) as {
  paths: Record<string, { post?: { operationId: string } }>;
  webhooks: Record<string, unknown>;
};
const namedInConfig = Object.keys(
  (parse(readFileSync(join(ROOT, 'spec/naming.yaml'), 'utf8')) as { operations: Record<string, unknown> })
    .operations,
);

describe('generate() on every call action and webhook of the spec', { timeout: 120_000 }, async () => {
  const result = await generateFromText(specText, SPEC_FILE);
  const model = result.model!;
  const out = tempDir('call-control');
  writeFiles(out, result.files);

  it('models all 39 operations and 37 webhooks, warning only about names the config lacks', () => {
    const operationIds = Object.values(spec.paths).flatMap((item) =>
      item.post ? [item.post.operationId] : [],
    );
    expect(operationIds).toHaveLength(39);
    expect(model.operations.map((o) => o.operationId).sort()).toStrictEqual([...operationIds].sort());
    expect(model.webhooks.map((w) => w.name).sort()).toStrictEqual(Object.keys(spec.webhooks).sort());
    expect(model.webhooks).toHaveLength(37);

    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    const missing = result.diagnostics.filter((d) => d.code === 'naming-missing');
    const unnamed = operationIds.filter((id) => !namedInConfig.includes(id));
    expect(missing).toHaveLength(unnamed.length);
    const otherCodes = new Set(
      result.diagnostics.filter((d) => d.code !== 'naming-missing').map((d) => d.code),
    );
    expect([...otherCodes]).toStrictEqual(['format-unenforced']);
  });

  it('writes a package that type-checks under strict and exactOptionalPropertyTypes', () => {
    expect(typecheck(out).output).toBe('');
  });

  it('works at run time: a method per operation, and a signed call.hangup unwraps as a known event', () => {
    const seen = runAgainst(
      out,
      `const testing = await import(${JSON.stringify(join(out, 'src/testing.ts'))});
       const { publicKey, privateKey } = await testing.generateWebhookKeyPair();
       const body = JSON.stringify({ data: { event_type: 'call.hangup', id: '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0',
         record_type: 'event', payload: { call_control_id: 'v3:abc', hangup_cause: 'normal_clearing' } } });
       const headers = await testing.signWebhook(body, privateKey);
       const event = await pkg.unwrapWebhook(body, { headers, key: publicKey });
       const methods = Object.getOwnPropertyNames(pkg.CallsActions.prototype);
       console.log(JSON.stringify({ methods, types: pkg.WEBHOOK_EVENT_TYPES, unknown: pkg.isUnknownWebhookEvent(event),
         cause: event.data.payload.hangup_cause }));`,
    ) as { methods: string[]; types: string[]; unknown: boolean; cause: string };
    for (const op of model.operations) expect(seen.methods).toContain(op.methodName);
    expect([...seen.types].sort()).toStrictEqual(model.webhooks.map((w) => w.eventType).sort());
    expect(seen.unknown).toBe(false);
    expect(seen.cause).toBe('normal_clearing');
  });
});
