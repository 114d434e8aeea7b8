/**
 * The naming config's `guards: used`: guard modules only for the schemas the package validates
 * itself (request bodies and parameters, webhook events) and the schemas they reach. Held on a
 * small spec whose every schema's fate is known, and on the voice-media fragment, whose guard
 * modules must be exactly what its resources and webhook code import, directly or through
 * other guards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNamingConfig } from '../../generator/ir/naming-config.ts';
import { parse } from 'yaml';
import {
  generateFromText,
  NAMING_PATH,
  recordingServer,
  ROOT,
  runAgainst,
  SPEC_PATH,
  tempDir,
  typecheck,
  writeFiles,
} from '../helpers/generate.ts';

const SPEC = `openapi: 3.1.0
info: {title: Scope, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /orders:
    post:
      operationId: createOrder
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/OrderRequest"}}}
      responses:
        "200":
          description: the order
          content: {application/json: {schema: {$ref: "#/components/schemas/OrderResponse"}}}
webhooks:
  orderShipped:
    post:
      requestBody:
        content: {application/json: {schema: {$ref: "#/components/schemas/OrderShippedEvent"}}}
      responses: {"200": {description: received}}
components:
  schemas:
    OrderRequest:
      type: object
      required: [item]
      properties: {item: {$ref: "#/components/schemas/Item"}}
    Item:
      type: object
      required: [sku]
      properties: {sku: {type: string, minLength: 3}}
    OrderResponse:
      type: object
      properties: {data: {$ref: "#/components/schemas/Order"}}
    Order:
      type: object
      properties: {id: {type: string}, item: {$ref: "#/components/schemas/Item"}}
    OrderShippedEvent:
      type: object
      required: [data]
      properties:
        data:
          type: object
          required: [event_type]
          properties:
            event_type: {type: string, enum: [order.shipped]}
            payload: {$ref: "#/components/schemas/Shipment"}
    Shipment:
      type: object
      properties: {carrier: {type: string}}
`;

const wholeSpecNaming = readFileSync(join(ROOT, 'test/whole-spec/naming.yaml'), 'utf8');
const guardModules = (files: Array<{ path: string }>) =>
  files
    .map((f) => /^src\/guards\/(\w+)\.ts$/.exec(f.path)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'index')
    .sort();

describe('guards: used, on a spec whose every schema is known', async () => {
  const all = await generateFromText(SPEC, 'scope.yaml', wholeSpecNaming);
  const used = await generateFromText(SPEC, 'scope.yaml', `${wholeSpecNaming}guards: used\n`);
  const out = tempDir('guard-scope');
  writeFiles(out, used.files);

  it('writes guards for the request body, the webhook event and what they reach, and no others', () => {
    expect(guardModules(all.files)).toStrictEqual([
      'Item',
      'Order',
      'OrderRequest',
      'OrderResponse',
      'OrderShippedEvent',
      'Shipment',
    ]);
    // Item is reached from the request body; Order and OrderResponse only from a response.
    expect(guardModules(used.files)).toStrictEqual(['Item', 'OrderRequest', 'OrderShippedEvent', 'Shipment']);
    const index = used.files.find((f) => f.path === 'src/guards/index.ts')!.content;
    expect(index).toContain("from './Item.js'");
    expect(index).not.toContain('Order.js');
  });

  it('keeps every type, and the package type-checks', () => {
    const schemas = used.files.find((f) => f.path === 'src/schemas.ts')!.content;
    for (const type of ['Order', 'OrderResponse'])
      expect(schemas).toMatch(new RegExp(`export (interface|type) ${type}\\b`));
    expect(used.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(typecheck(out).output).toBe('');
  });

  it('still validates the request body and the event, and exports no guard it did not write', () => {
    const seen = runAgainst(
      out,
      `const client = new pkg.WholeSpecClient({ apiKey: 'k', validate: true, maxRetries: 0 });
       let refused = '';
       try { await client.orders.create({ item: { sku: 'x' } }); } catch (err) { refused = err.constructor.name + ' ' + err.issues[0].path; }
       console.log(JSON.stringify({
         refused,
         event: pkg.isOrderShippedEvent({ data: { event_type: 'order.shipped', payload: { carrier: 'ups' } } }),
         badEvent: pkg.validateOrderShippedEvent({ data: {} }).ok,
         exported: ['isItem', 'isShipment', 'isOrder', 'isOrderResponse'].filter((n) => n in pkg),
       }));`,
    );
    expect(seen).toStrictEqual({
      refused: 'ValidationError /item/sku',
      event: true,
      badEvent: false,
      exported: ['isItem', 'isShipment'],
    });
  });

  it('says in the README which types have guards', () => {
    const readme = used.files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain('The types the package checks itself');
    expect(readme).toMatch(/^\| `Order` \| {2}\|/m);
    expect(readme).toMatch(/^\| `Item` \| `isItem`, `validateItem`, `assertItem` \|/m);
    const readmeAll = all.files.find((f) => f.path === 'README.md')!.content;
    expect(readmeAll).toContain('Every type below has three guards');
    expect(readmeAll).toMatch(/^\| `Order` \| `isOrder`, `validateOrder`, `assertOrder` \|/m);
  });

  it('refuses any other value in the naming config, at its pointer', () => {
    const { config, diagnostics } = checkNamingConfig(
      { ...parse(wholeSpecNaming), guards: 'some' },
      'naming.yaml',
    );
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.pointer, d.message])).toStrictEqual([
      ['naming-config-invalid', '#/guards', 'guards must be all, used or none, got "some"'],
    ]);
    const openapi = checkNamingConfig({ ...parse(wholeSpecNaming), openapiTypes: 'no' }, 'naming.yaml');
    expect(openapi.diagnostics.map((d) => [d.pointer, d.message])).toStrictEqual([
      ['#/openapiTypes', 'openapiTypes must be true or false, got "no"'],
    ]);
  });
});

describe('guards: none and openapiTypes: false, on a spec whose every schema is known', async () => {
  const none = await generateFromText(
    SPEC,
    'scope.yaml',
    `${wholeSpecNaming}guards: none\nopenapiTypes: false\n`,
  );
  const text = (path: string) => none.files.find((f) => f.path === path)!.content;
  const out = tempDir('guard-scope-none');
  writeFiles(out, none.files);

  it('writes no guard module, no openapi.ts, and nothing that names them', () => {
    const paths = none.files.map((f) => f.path);
    expect(paths.filter((p) => p.startsWith('src/guards/') || p === 'src/openapi.ts')).toStrictEqual([]);
    expect(text('src/index.ts')).not.toContain('guards');
    expect(text('src/resources/orders.ts')).not.toMatch(/guards|validate/);
    expect(text('src/webhooks.ts')).toContain("'order.shipped': uncheckedEvent,");
    expect(text('src/webhooks.ts')).not.toMatch(/`validate…` guard|guards\//);
    expect(JSON.parse(text('package.json')).exports).not.toHaveProperty('./openapi');
    expect(none.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(typecheck(out).output).toBe('');
  });

  it('sends what the types allow without checking it, and delivers every verified event unchecked', () => {
    const seen = runAgainst(
      out,
      `${recordingServer('JSON.parse(text)')}
       await client.orders.create({ item: { sku: 'x' } });
       server.close();
       const testing = await import(${JSON.stringify(join(out, 'src/testing.ts'))});
       const { publicKey, privateKey } = await testing.generateWebhookKeyPair();
       const body = JSON.stringify({ data: { event_type: 'order.shipped', payload: { carrier: 7 } } });
       const headers = await testing.signWebhook(body, privateKey);
       const drifts = [];
       const event = await pkg.unwrapWebhook(body, { headers, key: publicKey, strict: true, onDrift: (d) => drifts.push(d) });
       let tampered = '';
       try { await pkg.unwrapWebhook(body.replace('7', '8'), { headers, key: publicKey }); }
       catch (err) { tampered = err.reason; }
       console.log(JSON.stringify({ requests, carrier: event.data.payload.carrier, drift: pkg.webhookDrift(event) ?? null, drifts, tampered }));`,
    );
    expect(seen).toStrictEqual({
      requests: [{ item: { sku: 'x' } }],
      carrier: 7,
      drift: null,
      drifts: [],
      tampered: 'signature_mismatch',
    });
  });

  it('says in the README that nothing is checked at run time, and lists no guards', () => {
    const readme = text('README.md');
    expect(readme).toContain('Nothing is\nchecked at run time: this package has no guards');
    expect(readme).toContain('`onDrift` is never called and `strict: true` refuses nothing more.');
    expect(readme).toMatch(/^\| `Order` \| {2}\|$/m);
    expect(readme).not.toMatch(/isOrder|validate: (true|false)|\/openapi`/);
  });
});

describe('guards: used, on the voice-media fragment', async () => {
  const naming = `${readFileSync(NAMING_PATH, 'utf8')}guards: used\n`;
  const result = await generateFromText(readFileSync(SPEC_PATH, 'utf8'), 'spec/voice-media.yaml', naming);
  const text = (path: string) => result.files.find((f) => f.path === path)!.content;
  const imported = (content: string, from: RegExp) => [...content.matchAll(from)].map((m) => m[1]!);

  it('writes exactly the guards its resources and webhook code import, and those they import', () => {
    const roots = result.files
      .filter((f) => f.path.startsWith('src/resources/'))
      .flatMap((f) => imported(f.content, /from '\.\.\/guards\/(\w+)\.js'/g));
    roots.push(...imported(text('src/webhooks.ts'), /from '\.\/guards\/(\w+)\.js'/g));
    const reached = new Set<string>();
    const queue = [...roots];
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (reached.has(name)) continue;
      reached.add(name);
      queue.push(...imported(text(`src/guards/${name}.ts`), /from '\.\/(\w+)\.js'/g));
    }
    const modules = guardModules(result.files);
    expect(modules).toStrictEqual([...reached].sort());
    const generated = readFileSync(join(ROOT, 'generated/src/guards/index.ts'), 'utf8');
    expect(modules.length).toBeLessThan(imported(generated, /from '\.\/(\w+)\.js'/g).length);
  });

  it('type-checks', () => {
    const out = tempDir('guard-scope-fragment');
    writeFiles(out, result.files);
    expect(typecheck(out).output).toBe('');
  });
});

describe('guards: none and openapiTypes: false, on the voice-media fragment', async () => {
  const naming = `${readFileSync(NAMING_PATH, 'utf8')}guards: none\nopenapiTypes: false\n`;
  const result = await generateFromText(readFileSync(SPEC_PATH, 'utf8'), 'spec/voice-media.yaml', naming);

  it('names no guard module or guard function outside the runtime, and type-checks', () => {
    // Every guard function the default package exports, from its barrel.
    const barrel = readFileSync(join(ROOT, 'generated/src/guards/index.ts'), 'utf8');
    const guardNames = new Set(barrel.match(/\b(?:is|validate|assert)[A-Z]\w*/g));
    expect(guardNames.size).toBeGreaterThan(300);
    const mentions = result.files
      .filter((f) => !f.path.startsWith('src/core/'))
      .filter(
        (f) => f.content.includes('guards/') || f.content.match(/\w+/g)!.some((w) => guardNames.has(w)),
      );
    expect(mentions.map((f) => f.path)).toStrictEqual([]);
    const out = tempDir('guard-scope-fragment-none');
    writeFiles(out, result.files);
    expect(typecheck(out).output).toBe('');
  });
});
