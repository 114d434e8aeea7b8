/**
 * `npm run spec:extract -- --from <full spec> [--config spec/extract.config.yaml] [--out <file>]`
 * Thin shell around extractFragment(): reads, extracts, writes, and owns the exit code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { formatDiagnostic, hasErrors } from '../core/diagnostics.js';
import { loadSpecText } from '../core/load.js';
import { extractFragment, type ExtractConfig } from './extract.js';

const projectRoot = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    config: { type: 'string', default: resolve(projectRoot, 'spec/extract.config.yaml') },
    out: { type: 'string' },
  },
});

if (!values.from) {
  console.error('usage: npm run spec:extract -- --from <full spec file> [--config <file>] [--out <file>]');
  process.exit(2);
}
const configPath = resolve(values.config!);
const config = parse(readFileSync(configPath, 'utf8')) as ExtractConfig & { output: string };
const outPath = resolve(values.out ?? resolve(dirname(configPath), config.output));

const loaded = loadSpecText(readFileSync(resolve(values.from), 'utf8'), basename(values.from));
const result = loaded.diagnostics.length
  ? { text: '', diagnostics: loaded.diagnostics }
  : extractFragment(loaded.document, config, {
      fileName: loaded.fileName,
      sha256: loaded.sha256,
      // As the project knows it (e.g. `spec/extract.config.yaml`), never an absolute path.
      configFile: relative(projectRoot, configPath).split(sep).join('/'),
    });
for (const d of result.diagnostics)
  console.error(formatDiagnostic({ ...d, file: d.file ?? loaded.fileName }));
if (hasErrors(result.diagnostics)) process.exit(1);
writeFileSync(outPath, result.text);
console.log(`wrote ${outPath}`);
