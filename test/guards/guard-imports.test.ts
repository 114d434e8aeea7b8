/**
 * Every support helper, enum value list and module constant a guard module declares is used
 * by the code it prints (the generated tsconfig does not report unused names). The `check…`
 * functions are written only for what they reach, so a helper that only a `check…` needs
 * (`pointerToken`, the `…Issue` builders) must not be imported for a shape only `is…` reaches,
 * such as an object inside a union variant.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inlineGuards } from './inline-guards.ts';

/** Names a module declares at its top level that its code must use. */
function declaredNames(source: string): string[] {
  const helpers = /import \{([^}]*)\} from '\.\.\/core\/guard-support\.js';/.exec(source)?.[1] ?? '';
  const schemaValues = /import \{ type \w+, ([^}]*)\} from '\.\.\/schemas\.js';/.exec(source)?.[1] ?? '';
  const constants = [...source.matchAll(/^const (\w+) = /gm)].map((m) => m[1]!);
  const listed = `${helpers},${schemaValues}`.split(',').map((s) => s.trim());
  return [...listed.filter(Boolean), ...constants];
}

function unusedNames(source: string): string[] {
  const code = source.replace(/^import [^;]*;$/gm, '').replace(/^const \w+ = /gm, '');
  return declaredNames(source).filter((name) => !new RegExp(`\\b${name}\\b`).test(code));
}

const inline = inlineGuards({
  // The object and its extra keys are only reached through `oneOf`, which `check…` asks `match…` about.
  Content: {
    oneOf: [
      { type: 'string' },
      {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: { type: { type: 'string', enum: ['text', 'image'] }, text: { type: 'string' } },
        },
      },
    ],
  },
  Shape: {
    oneOf: [{ $ref: '#/components/schemas/Circle' }, { $ref: '#/components/schemas/Square' }],
    discriminator: {
      propertyName: 'kind',
      mapping: { circle: '#/components/schemas/Circle', square: '#/components/schemas/Square' },
    },
  },
  Circle: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['circle'] } } },
  Square: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['square'] } } },
  Bag: {
    type: 'object',
    properties: { name: { type: 'string', pattern: '^[a-z]+$' } },
    additionalProperties: { type: 'integer', minimum: 0 },
    minProperties: 1,
  },
  List: { type: 'array', items: { type: 'string', format: 'uuid' }, uniqueItems: true, maxItems: 3 },
});

describe('guard module imports and constants', () => {
  it('uses every name it declares, on shapes reached only by is…', () => {
    const modules = inline.files.filter(
      (f) => f.path.startsWith('src/guards/') && !f.path.endsWith('index.ts'),
    );
    expect(modules.length).toBe(6);
    for (const file of modules) expect(unusedNames(file.content), file.path).toEqual([]);
    // The test reads what it thinks it reads: the object's known keys and its helpers are there.
    const content = inline.files.find((f) => f.path === 'src/guards/Content.ts')!.content;
    expect(declaredNames(content)).toEqual(expect.arrayContaining(['hasOwn', 'isObject']));
  });

  it('uses every name it declares, in the generated package', () => {
    const dir = 'generated/src/guards';
    for (const name of readdirSync(dir).filter((n) => n !== 'index.ts')) {
      expect(unusedNames(readFileSync(`${dir}/${name}`, 'utf8')), name).toEqual([]);
    }
  });
});
