/** Shared by the whole-spec tests: one generation in its own process, then one tsc over it. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, typecheck } from '../helpers/generate.ts';
import type { WholeRun } from './generate-whole.ts';

export const WHOLE_NAMING = join(ROOT, 'test/whole-spec/naming.yaml');

/** Runs generate-whole.ts on `spec` into `out`; throws with its stderr when it fails. */
export function generateWhole(spec: string, out: string, naming = WHOLE_NAMING): WholeRun {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/whole-spec/generate-whole.ts'), spec, naming, out],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`generate-whole.ts exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as WholeRun;
}

/** The `error TS…` lines of `tsc --noEmit` over the generated package's own (strict) tsconfig. */
export function tscErrors(out: string): string[] {
  const { output } = typecheck(join(out, 'tsconfig.json'));
  return output.split('\n').filter((line) => line.includes('error TS'));
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/**
 * What the spec itself holds, counted without the generator: operations (path × method) and
 * webhook events (`webhooks:` keys, or the distinct names of operations' `callbacks` in 3.0).
 */
export function countSpec(spec: string): { operations: number; webhooks: number } {
  const doc = parse(readFileSync(spec, 'utf8'), { maxAliasCount: -1 }) as Record<string, any>;
  // A path item may be a $ref to one elsewhere in the document.
  const deref = (item: Record<string, any>) =>
    typeof item.$ref === 'string' && item.$ref.startsWith('#/')
      ? item.$ref
          .slice(2)
          .split('/')
          .map((t: string) => t.replaceAll('~1', '/').replaceAll('~0', '~'))
          .reduce((node: any, token: string) => node?.[token], doc)
      : item;
  const items = Object.values<Record<string, any>>(doc.paths ?? {}).map(deref);
  const ops = items.flatMap((item) => METHODS.filter((m) => item[m]).map((m) => item[m]));
  const callbacks = new Set(ops.flatMap((op) => Object.keys(op.callbacks ?? {})));
  // 3.0 documents (GitHub's) keep their webhooks under x-webhooks.
  // An x- entry that is no path item (`x-sdk-exclude: true`) is an extension, not a webhook.
  for (const [name, item] of Object.entries(doc.webhooks ?? doc['x-webhooks'] ?? {}))
    if (!name.startsWith('x-') || (typeof item === 'object' && item !== null)) callbacks.add(name);
  return { operations: ops.length, webhooks: callbacks.size };
}
