/**
 * Names that are also members of Object.prototype: a schema named `__proto__`, properties named
 * `hasOwnProperty`, `valueOf`, `constructor`, `toString` and `__proto__`. They are valid OpenAPI,
 * so the generator must lint them (the linter it uses looks keys up in plain objects), type them,
 * and build guards that read own properties only, an own `__proto__` key being data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateFromText, ROOT, runAgainst, tempDir, typecheck, writeFiles } from '../helpers/generate.ts';

const SPEC = 'test/fixtures/tolerance/hostile-names.yaml';

describe('names that are Object.prototype members', async () => {
  const result = await generateFromText(readFileSync(join(ROOT, SPEC), 'utf8'), SPEC);
  const out = tempDir('hostile-names');
  writeFiles(out, result.files);

  it('generate with no diagnostic at all, and the output type-checks', () => {
    expect(result.diagnostics).toStrictEqual([]);
    expect(typecheck(out).output).toBe('');
  });

  it('name the types after the schemas, with the property names kept as written', () => {
    const schemas = result.files.find((f) => f.path === 'src/schemas.ts')!.content;
    expect(schemas).toContain('export interface Proto {');
    expect(schemas).toContain("export type Constructor = 'toString' | 'valueOf';");
    for (const name of [
      'hasOwnProperty: string;',
      'valueOf?: number;',
      'constructor?: boolean;',
      'toString?: string;',
    ])
      expect(schemas).toContain(name);
  });

  it('guards accept and refuse real values by their own properties only', () => {
    const seen = runAgainst(
      out,
      // Object.fromEntries and JSON.parse make an own "__proto__" key; an object literal would not.
      `const own = (entries) => Object.fromEntries(entries);
       const proto = own([['hasOwnProperty', 'h'], ['__proto__', 'p'], ['valueOf', 3], ['constructor', true], ['toString', 's']]);
       const paths = (v) => { const r = pkg.validateProto(v); return r.ok ? [] : r.errors.map((e) => e.path); };
       console.log(JSON.stringify({
         full: pkg.isProto(proto),
         parsed: pkg.isProto(JSON.parse('{"hasOwnProperty":"h","__proto__":"p"}')),
         literal: paths({ hasOwnProperty: 'h', __proto__: 'p' }),
         inherited: paths(Object.create(own([['hasOwnProperty', 'h'], ['__proto__', 'p']]))),
         protoNotString: paths(own([['hasOwnProperty', 'h'], ['__proto__', 5]])),
         builtinsAsData: paths(own([['hasOwnProperty', 'h'], ['__proto__', 'p'], ['valueOf', 1.5], ['constructor', 'no'], ['toString', 1]])),
         holder: pkg.isHolder({ proto, ctor: 'valueOf' }),
         holderBadEnum: pkg.isHolder({ proto, ctor: 'constructor' }),
         polluted: ({}).hasOwnProperty !== Object.prototype.hasOwnProperty,
       }));`,
    );
    expect(seen).toStrictEqual({
      full: true,
      parsed: true,
      literal: ['/__proto__'],
      inherited: ['/hasOwnProperty', '/__proto__'],
      protoNotString: ['/__proto__'],
      builtinsAsData: ['/valueOf', '/constructor', '/toString'],
      holder: true,
      holderBadEnum: false,
      polluted: false,
    });
  });
});
