/**
 * One guard module, `src/guards/<TypeName>.ts`: the public `is…`/`validate…`/`assert…`, then
 * the `match…`/`check…` functions other guard modules import, then their local helpers.
 */
import { jsDocText, stringLiteral } from '../escape.js';
import { checkBody } from './check.js';
import { helper, type ModuleContext, ownParams, takesStrict } from './context.js';
import { matchBody, typeNameOf } from './match.js';

export function guardModule(ctx: ModuleContext): string {
  const { typeName } = ctx.named;
  const { declared } = ownParams(ctx);
  // Bodies first: writing them decides which constants, helpers and guards get imported.
  const matchMain = [...depthLimit(ctx, () => 'return false;'), ...matchBody(ctx.named.schema, '', ctx)];
  const checkMain = [
    ...depthLimit(ctx, () => `{\nissues.push(${helper(ctx, 'depthIssue')}(path));\nreturn;\n}`),
    ...checkBody(ctx.named.schema, '', ctx),
  ];
  const api = publicApi(ctx).join('\n');
  const sections = [
    imports(ctx).join('\n'),
    [...ctx.constants].map(([name, init]) => `const ${name} = ${init};`).join('\n'),
    api,
    `/** @internal The fast yes/no check behind \`is${typeName}\`; other guards call it too. */\n` +
      `export function match${typeName}(value: unknown${declared}): value is ${typeName} {\n${matchMain.join('\n')}\n}`,
    ...ctx.functions.match.values(),
    `/** @internal Lists the problems; \`validate${typeName}\` calls it only after \`match${typeName}\` failed. */\n` +
      `export function check${typeName}(value: unknown, path: string, issues: ValidationIssue[]${declared}): void {\n${checkMain.join('\n')}\n}`,
    ...ctx.functions.check.values(),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

/** Only schemas on a reference cycle can nest without bound; they stop at `MAX_DEPTH`. */
function depthLimit(ctx: ModuleContext, stop: () => string): string[] {
  return ctx.facts.cyclic ? [`if (depth > ${helper(ctx, 'MAX_DEPTH')}) ${stop()}`] : [];
}

function imports(ctx: ModuleContext): string[] {
  const { typeName } = ctx.named;
  const lines = [
    ctx.schemaValueImports.size > 0
      ? `import { type ${typeName}, ${[...ctx.schemaValueImports].sort().join(', ')} } from '../schemas.js';`
      : `import type { ${typeName} } from '../schemas.js';`,
    `import type { GuardOptions, ValidationIssue, ValidationResult } from '../core/validation.js';`,
  ];
  if (ctx.supportImports.size > 0)
    lines.push(`import { ${[...ctx.supportImports].sort().join(', ')} } from '../core/guard-support.js';`);
  // Each guard imports only the guards it calls, so importing one guard never pulls in the rest.
  const others = [...ctx.usedSchemas]
    .filter((n) => n !== ctx.named.name)
    .map((n) => typeNameOf(n, ctx))
    .sort();
  for (const other of others) lines.push(`import { check${other}, match${other} } from './${other}.js';`);
  return lines;
}

/**
 * `is…` calls `match…` directly, so V8 inlines it; `validate…` and `assert…` call `is…`, and
 * only on a rejected value hand `check…` to the shared helpers that collect the issues.
 */
function publicApi(ctx: ModuleContext): string[] {
  const { typeName, name } = ctx.named;
  const args = [takesStrict(ctx.facts) ? 'options?.strictEnums !== false' : '', ctx.facts.deep ? '0' : '']
    .filter(Boolean)
    .map((a) => `, ${a}`)
    .join('');
  const about = jsDocText(name === typeName ? `\`${typeName}\`` : `\`${typeName}\` (schema \`${name}\`)`);
  return [
    `/** True when \`value\` is a valid ${about}. Stops at the first problem and allocates nothing. */`,
    `export function is${typeName}(value: unknown, options?: GuardOptions): value is ${typeName} {`,
    `return match${typeName}(value${args});`,
    '}',
    '',
    `/** Checks \`value\` against ${about}, listing every problem with a JSON pointer into \`value\`. */`,
    `export function validate${typeName}(value: unknown, options?: GuardOptions): ValidationResult<${typeName}> {`,
    `return is${typeName}(value, options) ? { ok: true, value } : ${helper(ctx, 'invalid')}(value, check${typeName}, options);`,
    '}',
    '',
    `/** Throws a \`ValidationError\` listing every problem unless \`value\` is a valid ${about}. */`,
    `export function assert${typeName}(value: unknown, options?: GuardOptions): asserts value is ${typeName} {`,
    `if (!is${typeName}(value, options)) throw ${helper(ctx, 'validationError')}(${stringLiteral(typeName)}, value, check${typeName}, options);`,
    '}',
  ];
}
