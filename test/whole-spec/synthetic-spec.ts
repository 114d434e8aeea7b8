/**
 * A synthetic spec the size of the example (#13): 18,000 schemas in about 14.6 MB of JSON,
 * under the 16 MB input limit. Each schema has one field of each common kind (a uuid, a bounded
 * string, a bounded integer, an enum, an array, a date-time, a nullable string) and a `$ref` to
 * another schema; the references form a tree ten wide (Thing00042 → Thing00004 → Thing00000), so
 * no chain of references is deep. Every 40th schema is the request body of an operation.
 */
export function syntheticSpec(schemaCount = 18_000): string {
  const name = (i: number) => `Thing${String(i).padStart(5, '0')}`;
  const ref = (i: number) => ({ $ref: `#/components/schemas/${name(i)}` });
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < schemaCount; i++) {
    schemas[name(i)] = {
      type: 'object',
      description:
        `Thing number ${i}, a synthetic schema with a few fields of each common kind. Its text is ` +
        'long enough that the whole spec weighs about what the issue describes: 18,000 schemas in 14.6 MB.',
      required: ['id', 'name'],
      properties: {
        id: {
          type: 'string',
          format: 'uuid',
          description: 'Identifier of this thing, assigned by the server when it is created.',
        },
        name: { type: 'string', minLength: 1, maxLength: 64, description: 'A name people can read.' },
        count: { type: 'integer', minimum: 0, maximum: 1000 },
        kind: { type: 'string', enum: ['alpha', 'beta', 'gamma'] },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 10 },
        created_at: { type: 'string', format: 'date-time' },
        note: { type: 'string', nullable: true },
        next: ref(Math.floor(i / 10)),
      },
    };
  }
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < schemaCount; i += 40) {
    paths[`/things${String(i).padStart(5, '0')}/{id}`] = {
      post: {
        operationId: `createThing${String(i).padStart(5, '0')}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: ref(i) } } },
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: ref((i + 1) % schemaCount) } } },
        },
      },
    };
  }
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Synthetic', version: '1.0.0' },
    servers: [{ url: 'https://example.com' }],
    paths,
    components: { schemas },
  });
}
