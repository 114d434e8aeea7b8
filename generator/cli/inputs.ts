/** Reads what generate() needs from disk: the spec, the naming config, the templates and the runtime. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { GenerateInput } from '../core/generate.js';
import { decodeSpecBytes } from '../core/load.js';
import { compareStrings } from '../core/names.js';
import { displayName, type InputPaths } from './paths.js';

export { DEFAULT_PATHS, displayName, PROJECT_ROOT, type InputPaths } from './paths.js';

export function readInputs(paths: InputPaths): GenerateInput {
  const changelog = changelogPath(paths);
  return {
    spec: {
      text: decodeSpecBytes(readFileSync(paths.spec), displayName(paths.spec)),
      file: displayName(paths.spec),
    },
    naming: { text: readFileSync(paths.naming, 'utf8'), file: displayName(paths.naming) },
    templates: readTemplates(paths.templates),
    runtime: readTemplates(paths.runtime),
    ...(existsSync(changelog) ? { changelog: readFileSync(changelog, 'utf8') } : {}),
  };
}

/** The changelog sits beside the naming config, which holds the version it describes. */
export const changelogPath = (paths: Pick<InputPaths, 'naming'>): string =>
  join(dirname(paths.naming), 'CHANGELOG.md');

export function readTemplates(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort(compareStrings);
  return Object.fromEntries(entries.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}
