/**
 * The keywords a spec can use, by what they do to the generated code. The lint step uses them to
 * tell an unknown key (ignored, a warning) from a known keyword in the wrong place or a near miss
 * of one (an error: dropping it would change the output); the model uses them to tell a JSON
 * Schema keyword it does not implement (an error) from a key that means nothing (ignored).
 */

/** Keywords that only describe: the generator shows them in comments or ignores them. */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  'title',
  'description',
  'summary',
  'default',
  'example',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
  '$comment',
  '$schema',
  '$id',
  '$anchor',
  '$dynamicAnchor',
  '$vocabulary',
  'contentMediaType',
  'contentEncoding',
  'contentSchema',
  'tags',
  // Containers of schemas that only a `$ref` into them would use (and the model refuses those).
  '$defs',
  'definitions',
]);

/**
 * JSON Schema (2020-12 and OpenAPI 3.0's subset) keywords that constrain a value: all of them,
 * whether the generator implements them or not, so the lint step knows each one and its near
 * misses. ir/schema.ts's HANDLED is the subset the model implements (it also reads `nullable`
 * and `discriminator` where they apply); the model refuses the rest.
 */
export const SCHEMA_ASSERTION_KEYWORDS: ReadonlySet<string> = new Set([
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
  'type',
  'enum',
  'const',
  'nullable',
  'discriminator',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'unevaluatedProperties',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  'minContains',
  'maxContains',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
]);

/** Fields of OpenAPI 3.0 and 3.1 objects other than schemas that change what is generated. */
const OPENAPI_FIELDS = [
  'openapi',
  'info',
  'servers',
  'paths',
  'webhooks',
  'components',
  'security',
  'jsonSchemaDialect',
  'operationId',
  'parameters',
  'requestBody',
  'responses',
  'callbacks',
  'content',
  'schema',
  'schemas',
  'name',
  'in',
  'style',
  'explode',
  'allowReserved',
  'allowEmptyValue',
  'headers',
  'encoding',
  'links',
  'url',
  'variables',
  'mapping',
  'propertyName',
  'requestBodies',
  'securitySchemes',
  'pathItems',
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
  'value',
  'externalValue',
];

/** Every key that means something somewhere in an OpenAPI document (extensions excepted). */
export const KNOWN_KEYWORDS: ReadonlySet<string> = new Set([
  ...ANNOTATION_KEYWORDS,
  ...SCHEMA_ASSERTION_KEYWORDS,
  ...OPENAPI_FIELDS,
]);

/**
 * The meaningful keyword `key` is most likely a misspelling of (`requried` → `required`), if
 * any: within one edit per four characters, ignoring case. Annotations are not candidates: a
 * misspelt `description` loses a comment, not a constraint.
 */
export function nearMissOf(key: string, candidates: Iterable<string>): string | undefined {
  const lower = key.toLowerCase();
  const allowed = Math.max(1, Math.floor(key.length / 4));
  let best: { keyword: string; distance: number } | undefined;
  for (const keyword of candidates) {
    if (ANNOTATION_KEYWORDS.has(keyword) || keyword === key) continue;
    const distance = editDistance(lower, keyword.toLowerCase());
    if (distance <= allowed && (!best || distance < best.distance)) best = { keyword, distance };
  }
  return best?.keyword;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
