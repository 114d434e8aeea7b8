/**
 * One guard module, `src/guards/<TypeName>.ts`: the public `is…`/`validate…`/`assert…`, the
 * `match…` functions `is…` uses for nested shapes, then `check…` (which other guard modules
 * import, with `is…`) and its own nested functions.
 */
import { compareStrings } from '../../core/names.js';
import { jsDocText, stringLiteral } from '../escape.js';
import {
  helper,
  matchFunction,
  type ModuleContext,
  ownParams,
  siblingModule,
  typeNameOf,
} from './context.js';
import { printStmts } from './print.js';
import { checkStmts } from './render-check.js';
import { matchStmts } from './render-match.js';
import { depthLimit, functionSteps } from './walk.js';

export function guardModule(ctx: ModuleContext): string {
  const { check, is, validate } = ctx.symbols.schema(ctx.named.name);
  const { declared } = ownParams(ctx);
  // Bodies first: writing them decides which constants, helpers and guards get imported.
  const steps = [...depthLimit(ctx), ...functionSteps(ctx.named.schema, '', ctx)];
  const matchMain = printStmts(matchStmts(steps, ctx));
  const checkMain = printStmts(checkStmts(steps, ctx));
  const api = publicApi(ctx, matchMain);
  const sections = [
    imports(ctx).join('\n'),
    [...ctx.constants].map(([name, init]) => `const ${name} = ${init};`).join('\n'),
    ...api,
    ...ctx.functions.match.values(),
    `/** @internal Lists the problems; \`${validate}\` calls it only after \`${is}\` said no. */\n` +
      `export function ${check}(value: unknown, path: string, issues: ValidationIssue[]${declared}): void {\n${checkMain}\n}`,
    ...ctx.functions.check.values(),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
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
    .sort((a, b) => compareStrings(typeNameOf(a, ctx), typeNameOf(b, ctx)));
  for (const other of others) {
    const { check } = ctx.symbols.schema(other);
    lines.push(
      `import { ${check}, ${matchFunction(ctx, other)} } from '${siblingModule(ctx.symbols, other)}';`,
    );
  }
  return lines;
}

/**
 * The public trio. `is…` holds the yes/no check itself (for a recursive schema it calls
 * `match…`, which also counts the depth); other guards call it too. `validate…` and `assert…`
 * hand `is…`'s verdict, as a boolean, and `check…` to shared helpers, which collect the issues
 * only for a rejected value. Passing the verdict rather than branching on `is…` spares the
 * type checker narrowing `value` by the predicate in every guard (the cast to
 * `ValidationResult<T>` is what the narrowing used to prove: `is…` said yes).
 */
function publicApi(ctx: ModuleContext, matchMain: string): string[] {
  const { name } = ctx.named;
  const {
    type: typeName,
    is: isName,
    validate: validateName,
    assert: assertName,
    check,
    match,
  } = ctx.symbols.schema(name);
  const about = jsDocText(name === typeName ? `\`${typeName}\`` : `\`${typeName}\` (schema \`${name}\`)`);
  const isDoc = `/** True when \`value\` is a valid ${about}. Stops at the first problem and allocates nothing. */`;
  const isSignature = `export function ${isName}(value: unknown, options?: GuardOptions): value is ${typeName}`;
  const is = ctx.facts.deep
    ? [
        `${isDoc}\n${isSignature} {\nreturn ${match}(value, options, 0);\n}`,
        `/** @internal \`${isName}\` with the depth it has reached; other guards call it too. */\n` +
          `export function ${match}(value: unknown${ownParams(ctx).declared}): value is ${typeName} {\n${matchMain}\n}`,
      ]
    : [`${isDoc}\n${isSignature} {\n${matchMain}\n}`];
  const validate = [
    `/** Checks \`value\` against ${about}, listing every problem with a JSON pointer into \`value\`. */`,
    `export function ${validateName}(value: unknown, options?: GuardOptions): ValidationResult<${typeName}> {`,
    `return ${helper(ctx, 'validated')}(${isName}(value, options), value, ${check}, options) as ValidationResult<${typeName}>;`,
    '}',
  ].join('\n');
  const assert = [
    `/** Throws a \`ValidationError\` listing every problem unless \`value\` is a valid ${about}. */`,
    `export function ${assertName}(value: unknown, options?: GuardOptions): asserts value is ${typeName} {`,
    `${helper(ctx, 'assertValid')}(${isName}(value, options), ${stringLiteral(typeName)}, value, ${check}, options);`,
    '}',
  ].join('\n');
  // A recursive schema's `match…` follows the trio, next to the functions it calls.
  return ctx.facts.deep ? [is[0]!, validate, assert, is[1]!] : [is[0]!, validate, assert];
}
