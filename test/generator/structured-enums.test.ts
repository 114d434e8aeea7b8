/**
 * Shapes found in APIs.guru specs the generator refused or read wrong, each read as JSON Schema
 * and OpenAPI define it: enums of objects and arrays (Docker Engine, pandascore, mailchimp), a
 * discriminator beside inline variants (mailchimp), a mapping that names only some variants
 * (just-eat.co.uk), and an unknown key inside a discriminator (mailchimp). Each is held by its
 * types and by what the generated guards accept, on a package that type-checks.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/core/diagnostics.ts';
import { generateFromText, generatePackage, runAgainst, typecheck } from '../helpers/generate.ts';

const SPEC = `openapi: 3.0.3
info: {title: Shapes, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /containers:
    post:
      operationId: createContainer
      parameters:
        - name: filter
          in: query
          schema: {type: array, items: {type: string}, enum: [[open], [click]]}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/ContainerConfig"}}}
      responses:
        "200":
          description: the container
          content: {application/json: {schema: {$ref: "#/components/schemas/Match"}}}
components:
  schemas:
    ContainerConfig:
      type: object
      properties:
        ExposedPorts:
          type: object
          additionalProperties: {type: object, enum: [{}]}
        Videogame: {$ref: "#/components/schemas/Videogame"}
    Videogame:
      type: object
      properties: {id: {type: integer}, name: {type: string}}
      enum:
        - {id: 1, name: LoL}
        - {id: 3, name: "CS:GO", tags: {ranked: true}}
    Match:
      type: object
      properties:
        condition:
          discriminator: {propertyName: kind, type: string}
          oneOf:
            - {type: object, required: [kind], properties: {kind: {type: string, enum: [aim]}, campaign: {type: string}}}
            - {type: object, required: [kind], properties: {kind: {type: string, enum: [date]}, value: {type: string}}}
        offer:
          discriminator: {propertyName: type, mapping: {Percent: "#/components/schemas/Percent"}}
          oneOf:
            - {$ref: "#/components/schemas/ActiveOffer"}
            - {$ref: "#/components/schemas/Percent"}
    ActiveOffer:
      type: object
      required: [type, until]
      properties: {type: {type: string}, until: {type: string}}
    Percent:
      type: object
      required: [type, percent]
      properties: {type: {type: string}, percent: {type: number}}
`;

const brief = (ds: Diagnostic[]) => ds.map((d) => [d.severity, d.code, d.pointer]);

describe('enums of objects and arrays, and discriminators as OpenAPI reads them', async () => {
  const { result, out } = await generatePackage(SPEC, 'structured-enums.yaml');
  const schemas = result.files.find((f) => f.path === 'src/schemas.ts')!.content;

  it('generates with warnings only for the discriminators it reads differently, and type-checks', () => {
    expect(brief(result.diagnostics)).toStrictEqual([
      ['warning', 'keyword-unknown', '#/components/schemas/Match/properties/condition/discriminator/type'],
      ['warning', 'discriminator-ignored', '#/components/schemas/Match/properties/condition/discriminator'],
    ]);
    expect(result.diagnostics[0]!.message).toBe('`type` is not a field of a discriminator; ignored');
    expect(typecheck(out).output).toBe('');
  });

  it('types each enum value exactly: every key required, no other, arrays of their length', () => {
    expect(schemas).toMatch(/ExposedPorts\?: \{\s+\[key: string\]: Record<string, never>;\s+\};/);
    expect(schemas).toMatch(
      /export type Videogame =\s+\| \{\s+id: 1;\s+name: 'LoL';\s+\}\s+\| \{\s+id: 3;\s+name: 'CS:GO';\s+tags: \{\s+ranked: true;\s+\};\s+\};/,
    );
    expect(schemas).toMatch(/filter\?: Array<'open'> \| Array<'click'>;/);
    // openapi.ts reads them the same way (openapi-typescript alone reads each value as a schema).
    const openapi = result.files.find((f) => f.path === 'src/openapi.ts')!.content;
    expect(openapi).toContain('filter?: "open"[] | "click"[];');
    expect(openapi).toMatch(/\[key: string\]: Record<string, never>;/);
    expect(openapi).toMatch(/Videogame: \{[^|]*id: 1;[^|]*name: "LoL";\s+\} \| \{[^|]*id: 3;/);
    // A response: optional fields are `T | null` (what Telnyx sends for "no value").
    expect(schemas).toContain(
      "offer?: ((Percent & { type: 'Percent' }) | (ActiveOffer & { type: 'ActiveOffer' })) | null;",
    );
  });

  it('the guards accept exactly the enum values and every variant the discriminator can name', () => {
    const seen = runAgainst(
      out,
      `const ok = (value) => pkg.isContainerConfig(value);
       const match = (value) => pkg.isMatch(value);
       console.log(JSON.stringify({
         ports: [{ '22/tcp': {} }, { '22/tcp': { x: 1 } }, { '22/tcp': [] }].map((ExposedPorts) => ok({ ExposedPorts })),
         games: [
           { id: 1, name: 'LoL' },
           { id: 3, name: 'CS:GO', tags: { ranked: true } },
           { id: 3, name: 'CS:GO' },
           { id: 1, name: 'LoL', extra: 1 },
           { id: 1, name: 'Dota' },
         ].map((Videogame) => ok({ Videogame })),
         filters: [['open'], ['open', 'click'], ['other'], []].map((filter) => pkg.isCreateContainerParams({ filter })),
         conditions: [{ kind: 'aim', campaign: 'c' }, { kind: 'date', value: 'v' }, { kind: 'other' }].map((condition) => match({ condition })),
         offers: [{ type: 'Percent', percent: 5 }, { type: 'ActiveOffer', until: 'x' }, { type: 'Other', until: 'x' }].map((offer) => match({ offer })),
       }));`,
    );
    expect(seen).toStrictEqual({
      ports: [true, false, false],
      games: [true, true, false, false, false],
      filters: [true, false, false, false],
      conditions: [true, true, false],
      offers: [true, true, false],
    });
  });
});

describe('values beside the objects that the type excludes', () => {
  it('are left out with a warning, as a string enum leaves out a number', async () => {
    const spec = SPEC.replace(
      '        - {id: 1, name: LoL}\n',
      '        - {id: 1, name: LoL}\n        - LoL\n        - [1]\n',
    );
    const result = await generateFromText(spec, 'structured-enums.yaml');
    const outside = result.diagnostics.filter((d) => d.code === 'enum-value-outside-type');
    expect(outside.map((d) => [d.severity, d.pointer, d.message])).toStrictEqual([
      [
        'warning',
        '#/components/schemas/Videogame/enum/1',
        'enum value "LoL" is outside type object; left out',
      ],
      ['warning', '#/components/schemas/Videogame/enum/2', 'enum value [1] is outside type object; left out'],
    ]);
    const schemas = result.files.find((f) => f.path === 'src/schemas.ts')!.content;
    expect(schemas).toMatch(/export type Videogame =\s+\| \{\s+id: 1;\s+name: 'LoL';\s+\}\s+\| \{\s+id: 3;/);
  });
});

describe('what stays an error', () => {
  it('an enum value that is an array of different items, which would need a tuple type', async () => {
    const spec = SPEC.replace('enum: [[open], [click]]', 'enum: [[open, click]]');
    const result = await generateFromText(spec, 'structured-enums.yaml');
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.pointer, d.message])).toStrictEqual([
      [
        'enum-unsupported',
        '#/paths/~1containers/post/parameters/0/schema/enum/0',
        'enum value ["open","click"] holds an array of different items, which needs a tuple type the generator does not write',
      ],
      ['enum-empty', '#/paths/~1containers/post/parameters/0/schema/enum', 'enum has no usable values'],
    ]);
  });

  it('a discriminator field that misspells one of its own', async () => {
    const spec = SPEC.replace(
      '{propertyName: kind, type: string}',
      '{propertyName: kind, propertyname: kind}',
    );
    const result = await generateFromText(spec, 'structured-enums.yaml');
    expect(brief(result.diagnostics.filter((d) => d.severity === 'error'))).toStrictEqual([
      [
        'error',
        'spec-structure',
        '#/components/schemas/Match/properties/condition/discriminator/propertyname',
      ],
    ]);
  });
});
