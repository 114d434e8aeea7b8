/**
 * `src/schemas.ts`: one exported type per named schema, built as ts-morph structures in one
 * call (cheaper than declaration by declaration), plus `as const` value lists for enums.
 */
import type { InterfaceDeclarationStructure, StatementStructures } from 'ts-morph';
import { symbolsOf } from '../../ir/symbols.js';
import type { Model, NamedSchema, ObjectNode, SchemaNode } from '../../ir/types.js';
import { docLines } from '../docs.js';
import { enumSites, enumValueNames } from '../enum-values.js';
import { jsDocText, jsonLiteral, propertyKey, stringLiteral } from '../escape.js';
import { loadTsMorph, sourceFileText, type TsMorph } from './ts-morph.js';
import { indexSignature, propertyType, type TypeContext, typeExpression } from './type-expression.js';

/** ts-morph is loaded when first needed, not at start-up (see ts-morph.ts). */
let morph: TsMorph;

export function emitSchemaTypes(model: Model): string {
  morph = loadTsMorph();
  const project = new morph.Project({ useInMemoryFileSystem: true });
  const ctx: TypeContext = { symbols: symbolsOf(model) };
  const valueNames = enumValueNames(model.schemas);
  const statements: StatementStructures[] = model.schemas.flatMap((s) => [
    declaration(s, ctx),
    ...enumValueLists(s, valueNames),
  ]);
  if (model.schemas.some((s) => usesUpload(s.schema))) {
    // File fields of multipart bodies take the client's file type.
    statements.unshift({
      kind: morph.StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['Uploadable'],
      moduleSpecifier: './core/request-body.js',
    });
  }
  return sourceFileText(project, { statements });
}

function declaration(named: NamedSchema, ctx: TypeContext): StatementStructures {
  const docs = namedDocs(named);
  const { schema } = named;
  if (schema.kind === 'object' && !schema.nullable && schema.properties.length > 0)
    return interfaceOf(named.typeName, schema, docs, ctx);
  return {
    kind: morph.StructureKind.TypeAlias,
    name: named.typeName,
    isExported: true,
    type: isOpenEmptyObject(schema) ? 'object' : typeExpression(schema, ctx),
    docs,
  };
}

/**
 * A named object with no properties that takes any keys: `object`. Not `interface X {}`, which
 * accepts strings and numbers too, and not `Record<string, unknown>`, which values of interface
 * types (a later version's `{ type: 'aws' }` settings) cannot be assigned to.
 */
function isOpenEmptyObject(schema: SchemaNode): boolean {
  return (
    schema.kind === 'object' &&
    !schema.nullable &&
    schema.properties.length === 0 &&
    schema.additionalProperties === true
  );
}

function namedDocs(named: NamedSchema): string[] {
  const { title, description } = named.schema.docs;
  const source = `Schema \`${jsDocText(named.name)}\` (${jsDocText(named.pointer)}).`;
  const lines = docLines(named.schema, [source]);
  return [(title && description ? [jsDocText(title), '', ...lines] : lines).join('\n')];
}

function interfaceOf(
  name: string,
  node: ObjectNode,
  docs: string[],
  ctx: TypeContext,
): InterfaceDeclarationStructure {
  const index = indexSignature(node, ctx);
  return {
    kind: morph.StructureKind.Interface,
    name,
    isExported: true,
    docs,
    properties: node.properties.map((p) => {
      const lines = docLines(p.schema);
      return {
        name: propertyKey(p.name),
        hasQuestionToken: !p.required,
        type: propertyType(p, ctx),
        docs: lines.length ? [lines.join('\n')] : [],
      };
    }),
    ...(index
      ? {
          indexSignatures: [
            { keyName: 'key', keyType: 'string', returnType: index.replace(/^\[key: string\]: |;$/g, '') },
          ],
        }
      : {}),
  };
}

/**
 * `export const SpeakRequestPayloadTypeValues = ['text', 'ssml'] as const;` for the schema itself
 * when it is an enum, and for enums reached through its object properties.
 */
function enumValueLists(named: NamedSchema, names: ReadonlyMap<SchemaNode, string>): StatementStructures[] {
  return enumSites(named, names).map(({ name, path, node }) => ({
    kind: morph.StructureKind.VariableStatement,
    isExported: true,
    declarationKind: morph.VariableDeclarationKind.Const,
    docs: [
      `Every value of \`${named.typeName}${path.map((p) => `[${jsDocText(stringLiteral(p))}]`).join('')}\`, in spec order.`,
    ],
    declarations: [{ name, initializer: `[${node.values.map(jsonLiteral).join(', ')}] as const` }],
  }));
}

/** Whether a file field (`format: binary` in something sent) appears anywhere in `node`. */
function usesUpload(node: SchemaNode): boolean {
  switch (node.kind) {
    case 'string':
      return node.upload === true;
    case 'array':
      return usesUpload(node.items);
    case 'object':
      return (
        node.properties.some((p) => usesUpload(p.schema)) ||
        (typeof node.additionalProperties === 'object' && usesUpload(node.additionalProperties))
      );
    case 'union':
      return node.variants.some(usesUpload);
    case 'allOf':
      return node.parts.some(usesUpload);
    default:
      return false;
  }
}
