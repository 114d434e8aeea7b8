/**
 * examples/webhook-server as a real child process, fed real signed HTTP POSTs. This exercises
 * what a user runs: the package by name (its built dist), toNodeListener, the generated guards.
 *
 * The server prints one JSON line per callback. Ordering makes negative checks deterministic:
 * after a request that must NOT run a callback, a "barrier" request that must is sent, and once
 * the barrier's line arrives every line the earlier request could have printed is already here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookKeyPair, signWebhook, type WebhookKeyPair } from '../../generated/src/testing.ts';

const root = join(import.meta.dirname, '../..');
const fixture = (type: string) =>
  JSON.parse(readFileSync(join(root, 'test/fixtures/webhooks/events', `${type}.json`), 'utf8'));

let keys: WebhookKeyPair;
let child: ChildProcess;
let baseUrl: string;
const lines: Array<Record<string, unknown>> = [];
const waiters: Array<() => void> = [];

// The example imports `telnyx-voice-media`, i.e. generated/dist, which test/global-setup.ts
// builds before any test file runs.
beforeAll(async () => {
  keys = await generateWebhookKeyPair();
  child = spawn(process.execPath, ['--import', 'tsx', 'examples/webhook-server/server.ts'], {
    cwd: root,
    env: { ...process.env, TELNYX_PUBLIC_KEY: keys.publicKey, PORT: '0', REQUEST_TIMEOUT_MS: '2000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  baseUrl = await new Promise<string>((resolve, reject) => {
    let pending = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        const ready = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
        if (ready) resolve(ready[1]!);
        else if (line.startsWith('{')) lines.push(JSON.parse(line)); // callback lines only
        waiters.splice(0).forEach((wake) => wake());
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

/** Resolves once a line with this id has been printed. */
async function lineFor(id: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = lines.find((line) => line['id'] === id);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no callback line for ${id}`);
    await new Promise<void>((wake) => {
      waiters.push(wake);
      setTimeout(wake, 100);
    });
  }
}

const linesFor = (id: string) => lines.filter((line) => line['id'] === id);

/** A body for `type` with a fresh data.id, so every request's callback lines can be told apart. */
function bodyFor(type: string, mutate: (data: Record<string, any>) => void = () => {}) {
  const body = fixture(type);
  body.data.id = randomUUID();
  mutate(body.data);
  return { id: body.data.id as string, raw: JSON.stringify(body) };
}

async function post(raw: string, headers: Record<string, string>) {
  const response = await fetch(`${baseUrl}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Sends a valid call.speak.started and waits for its line: everything printed before is in. */
async function barrier(): Promise<void> {
  const { id, raw } = bodyFor('call.speak.started');
  expect((await post(raw, await signWebhook(raw, keys.privateKey))).status).toBe(200);
  await lineFor(id);
}

describe('examples/webhook-server', () => {
  it('runs the typed callback exactly once for a valid event', async () => {
    const { id, raw } = bodyFor('call.speak.ended', (data) => (data.payload.status = 'call_hangup'));
    const response = await post(raw, await signWebhook(raw, keys.privateKey));
    expect(response).toEqual({ status: 200, body: { ok: true } });
    await barrier();
    expect(linesFor(id)).toEqual([{ callback: 'call.speak.ended', id, status: 'call_hangup' }]);
  });

  it('rejects a tampered body with 400 and the reason, and runs no callback', async () => {
    const { id, raw } = bodyFor('call.playback.ended');
    const headers = await signWebhook(raw, keys.privateKey);
    const tampered = raw.replace('"completed"', '"failed"');
    expect(tampered).not.toBe(raw);
    const response = await post(tampered, headers);
    expect(response.status).toBe(400);
    expect(response.body['error']).toBe('signature_mismatch');
    await barrier();
    expect(linesFor(id)).toEqual([]);
  });

  it('answers 413 for a body over 1 MiB, and runs no callback', async () => {
    const { id, raw } = bodyFor(
      'call.speak.ended',
      (data) => (data.payload.client_state = 'x'.repeat(1 << 20)),
    );
    expect(Buffer.byteLength(raw)).toBeGreaterThan(1024 * 1024);
    const response = await post(raw, await signWebhook(raw, keys.privateKey));
    expect(response).toEqual({ status: 413, body: { error: 'payload_too_large' } });
    await barrier();
    expect(linesFor(id)).toEqual([]);
  });

  it('acknowledges an unknown event type with 200 and runs the fallback once', async () => {
    const raw = JSON.stringify({
      data: {
        event_type: 'call.bridged',
        id: randomUUID(),
        occurred_at: new Date().toISOString(),
        payload: { call_control_id: 'v3:abc', state: 'bridged' },
        record_type: 'event',
      },
      meta: { attempt: 1, delivered_to: 'https://example.com/webhooks/telnyx' },
    });
    const id = JSON.parse(raw).data.id as string;
    const response = await post(raw, await signWebhook(raw, keys.privateKey));
    expect(response).toEqual({ status: 200, body: { ok: true } });
    await barrier();
    expect(linesFor(id)).toEqual([{ callback: 'unknown', event_type: 'call.bridged', id }]);
  });

  it('delivers a live-shaped event (client_state: null, unlisted fields) to its callback', async () => {
    const realistic = readFileSync(join(root, 'test/fixtures/webhooks/realistic/speak-ended.json'), 'utf8');
    const body = JSON.parse(realistic);
    body.data.id = randomUUID();
    const raw = JSON.stringify(body);
    const response = await post(raw, await signWebhook(raw, keys.privateKey));
    expect(response).toEqual({ status: 200, body: { ok: true } });
    await barrier();
    expect(linesFor(body.data.id)).toEqual([
      { callback: 'call.speak.ended', id: body.data.id, status: 'completed' },
    ]);
  });

  it('cuts off a client that sends headers and then stalls its body (request timeout)', async () => {
    const { port } = new URL(baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
    });
    socket.write('POST /webhooks HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"data":');
    // Node's default would hold this connection for 300 s; the example answers 408 and closes.
    expect(await answer).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);

  it('rejects a stale timestamp with 400 timestamp_too_old, and runs no callback', async () => {
    const { id, raw } = bodyFor('call.speak.ended');
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const response = await post(raw, await signWebhook(raw, keys.privateKey, tenMinutesAgo));
    expect(response.status).toBe(400);
    expect(response.body['error']).toBe('timestamp_too_old');
    await barrier();
    expect(linesFor(id)).toEqual([]);
  });
});
