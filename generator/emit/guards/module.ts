/**
 * One guard module, `src/guards/<TypeName>.ts`: the public `is…`/`validate…`/`assert…`, the
 * `match…` functions `is…` uses for nested shapes, then `check…` (which other guard modules
 * import, with `is…`) and its own nested functions.
 *
 * The module is built as a tree (imports, constants, functions) and printed once. layout.ts
 * prints it in prettier's layout, so the pipeline can skip prettier; a module holding something
 * layout.ts does not cover is printed flat here instead, and prettier formats it as before.
 */
import { compareStrings } from '../../core/names.js';
import type { GeneratedFile } from '../file.js';
import { jsDocText, stringLiteral } from '../escape.js';
import { call, id, lit, type Stmt } from './ast.js';
import {
  type GuardFunction,
  helper,
  matchFunction,
  type ModuleContext,
  ownParams,
  siblingModule,
  typeNameOf,
} from './context.js';
import { layOutModule, type ModuleTree, type NamedImport } from './layout.js';
import { printExpr, printStmts } from './print.js';
import { checkStmts } from './render-check.js';
import { matchStmts } from './render-match.js';
import { depthLimit, functionSteps } from './walk.js';

/** The module's file: laid out and marked preformatted, or flat for prettier to format. */
export function guardModule(ctx: ModuleContext, path: string): GeneratedFile {
  const tree = moduleTree(ctx);
  const laidOut = layOutModule(tree);
  return laidOut === undefined
    ? { path, content: printFlat(tree) }
    : { path, content: laidOut, preformatted: true };
}

function moduleTree(ctx: ModuleContext): ModuleTree {
  const { check, is, validate } = ctx.symbols.schema(ctx.named.name);
  // Bodies first: writing them decides which constants, helpers and guards get imported.
  const steps = [...depthLimit(ctx), ...functionSteps(ctx.named.schema, '', ctx)];
  const matchMain = matchStmts(steps, ctx);
  const checkMain: GuardFunction = {
    doc: `@internal Lists the problems; \`${validate}\` calls it only after \`${is}\` said no.`,
    exported: true,
    name: check,
    params: [['value', 'unknown'], ['path', 'string'], ['issues', 'ValidationIssue[]'], ...ownParams(ctx).declared],
    returns: 'void',
    body: checkStmts(steps, ctx),
  };
  const present = (f: GuardFunction | undefined): f is GuardFunction => f !== undefined;
  const functions = [
    ...publicApi(ctx, matchMain),
    ...[...ctx.functions.match.values()].filter(present),
    checkMain,
    ...[...ctx.functions.check.values()].filter(present),
  ];
  // Imports last: the public functions' helpers are marked used as they are written.
  return { imports: imports(ctx), constants: [...ctx.constants], functions };
}

function imports(ctx: ModuleContext): NamedImport[] {
  const { typeName } = ctx.named;
  const list: NamedImport[] = [
    ctx.schemaValueImports.size > 0
      ? { names: [`type ${typeName}`, ...[...ctx.schemaValueImports].sort()], from: '../schemas.js' }
      : { typeOnly: true, names: [typeName], from: '../schemas.js' },
    { typeOnly: true, names: ['GuardOptions', 'ValidationIssue', 'ValidationResult'], from: '../core/validation.js' },
  ];
  if (ctx.supportImports.size > 0)
    list.push({ names: [...ctx.supportImports].sort(), from: '../core/guard-support.js' });
  // Each guard imports only the guards it calls, so importing one guard never pulls in the rest.
  const others = [...ctx.usedSchemas]
    .filter((n) => n !== ctx.named.name)
    .sort((a, b) => compareStrings(typeNameOf(a, ctx), typeNameOf(b, ctx)));
  for (const other of others) {
    const { check } = ctx.symbols.schema(other);
    list.push({ names: [check, matchFunction(ctx, other)], from: siblingModule(ctx.symbols, other) });
  }
  return list;
}

/**
 * The public trio. `is…` holds the yes/no check itself (for a recursive schema it calls
 * `match…`, which also counts the depth); other guards call it too. `validate…` and `assert…`
 * hand `is…`'s verdict, as a boolean, and `check…` to shared helpers, which collect the issues
 * only for a rejected value. Passing the verdict rather than branching on `is…` spares the
 * type checker narrowing `value` by the predicate in every guard (the cast to
 * `ValidationResult<T>` is what the narrowing used to prove: `is…` said yes).
 */
function publicApi(ctx: ModuleContext, matchMain: Stmt[]): GuardFunction[] {
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
  const publicParams = [['value', 'unknown'], ['options?', 'GuardOptions']] as const;
  const verdict = call(isName, id('value'), id('options'));
  const isDoc = `True when \`value\` is a valid ${about}. Stops at the first problem and allocates nothing.`;
  const isFn = (body: Stmt[]): GuardFunction => ({
    doc: isDoc,
    exported: true,
    name: isName,
    params: [...publicParams],
    returns: `value is ${typeName}`,
    body,
  });
  const validate: GuardFunction = {
    doc: `Checks \`value\` against ${about}, listing every problem with a JSON pointer into \`value\`.`,
    exported: true,
    name: validateName,
    params: [...publicParams],
    returns: `ValidationResult<${typeName}>`,
    body: [
      {
        kind: 'return',
        value: {
          kind: 'as',
          expr: call(helper(ctx, 'validated'), verdict, id('value'), id(check), id('options')),
          type: `ValidationResult<${typeName}>`,
        },
      },
    ],
  };
  const assert: GuardFunction = {
    doc: `Throws a \`ValidationError\` listing every problem unless \`value\` is a valid ${about}.`,
    exported: true,
    name: assertName,
    params: [...publicParams],
    returns: `asserts value is ${typeName}`,
    body: [
      {
        kind: 'expr',
        expr: call(helper(ctx, 'assertValid'), verdict, lit(stringLiteral(typeName)), id('value'), id(check), id('options')),
      },
    ],
  };
  if (!ctx.facts.deep) return [isFn(matchMain), validate, assert];
  // A recursive schema's `match…` follows the trio, next to the functions it calls.
  const matchFn: GuardFunction = {
    doc: `@internal \`${isName}\` with the depth it has reached; other guards call it too.`,
    exported: true,
    name: match,
    params: [['value', 'unknown'], ...ownParams(ctx).declared],
    returns: `value is ${typeName}`,
    body: matchMain,
  };
  const callMatch = call(match, id('value'), id('options'), lit('0'));
  return [isFn([{ kind: 'return', value: callMatch }]), validate, assert, matchFn];
}

/** The module as plain text, one statement a line, for prettier to lay out. */
function printFlat(tree: ModuleTree): string {
  const imports = tree.imports.map(
    (i) => `import ${i.typeOnly ? 'type ' : ''}{ ${i.names.join(', ')} } from '${i.from}';`,
  );
  const constants = tree.constants.map(([name, init]) => `const ${name} = ${printExpr(init)};`);
  const functions = tree.functions.map((f) => {
    const params = f.params.map(([name, type]) => `${name}: ${type}`).join(', ');
    const head = `${f.exported ? 'export ' : ''}function ${f.name}(${params}): ${f.returns}`;
    return `${f.doc ? `/** ${f.doc} */\n` : ''}${head} {\n${printStmts(f.body)}\n}`;
  });
  const sections = [imports.join('\n'), constants.join('\n'), ...functions];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}
