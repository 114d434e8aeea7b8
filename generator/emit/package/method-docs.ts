/** The JSDoc of one generated method: the spec's summary and description, then its arguments. */
import type { Operation } from '../../ir/types.js';
import { jsDocText } from '../escape.js';

/** `checks`: whether the package has guards, and so a `validate` option that does something. */
export function methodDocs(op: Operation, argNames: Map<string, string>, checks = true): string[] {
  const lines: string[] = [];
  if (op.docs.summary) lines.push(jsDocText(op.docs.summary), '');
  if (op.docs.description) lines.push(...jsDocText(op.docs.description).split('\n'), '');
  lines.push(`\`${op.httpMethod.toUpperCase()} ${jsDocText(op.path)}\` (operationId \`${jsDocText(op.operationId)}\`)`);
  if (op.docs.deprecated) lines.push('@deprecated The spec marks this operation deprecated.');
  for (const p of op.pathParams) lines.push(`@param ${argNames.get(p.name)} ${jsDocText(p.description ?? p.name)}`);
  if (op.params.length || op.body) lines.push(`@param params ${paramsDoc(op)}`);
  lines.push(
    `@param options Per-call overrides: \`timeout\`, \`maxRetries\`, \`signal\`, \`headers\`${checks ? ', `validate`' : ''}` +
      (op.body && op.body.variants.length > 1 ? ', `contentType`.' : '.'),
  );
  if (op.pagination)
    lines.push('@returns The first page: `await` it for one page, or `for await` over it for every item of every page.');
  if (op.response.kind === 'binary')
    lines.push('@returns The HTTP response, its body unread: stream `response.body` or read `response.blob()`.');
  if (op.expectedWebhooks.length)
    lines.push(`@see Expected webhooks: ${op.expectedWebhooks.map((w) => `\`${jsDocText(w)}\``).join(', ')}`);
  return lines;
}

/** What goes in `params`: the parameters by place, then the body. */
function paramsDoc(op: Operation): string {
  const parts: string[] = [];
  for (const place of ['query', 'header', 'cookie'] as const) {
    const names = op.params.filter((p) => p.in === place).map((p) => `\`${jsDocText(p.name)}\``);
    if (names.length) parts.push(`${place} parameters ${names.join(', ')}`);
  }
  const body = op.body;
  if (body) {
    const kinds = body.variants.map((v) => jsDocText(v.contentType));
    const raw = body.variants.some((v) => !v.schemaName || v.whole);
    parts.push(raw ? `the body as \`body\` (${kinds.join(' or ')})` : `the body fields (${kinds.join(' or ')})`);
  }
  const optional = body && !body.hasRequiredFields && !op.params.some((p) => p.required) ? ' Every field is optional.' : '';
  return `${upperFirst(parts.join('; '))}.${optional}`;
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
