/**
 * What a spec update changes, worked out in memory before anything is written: the new fragment
 * (extracted as `spec:extract` does), the API diff against the current one, the next version and
 * the changelog with its new entry. Pure: texts in, texts out.
 */
import { parse } from 'yaml';
import { type Diagnostic, hasErrors } from '../core/diagnostics.js';
import { loadSpecText } from '../core/load.js';
import { diffModels } from '../diff/diff.js';
import { modelFromText, specIdentity } from '../diff/load-side.js';
import type { ReportLabels, SideLabel } from '../diff/render.js';
import type { ApiChange } from '../diff/types.js';
import { extractFragment, type ExtractConfig } from '../extract/extract.js';
import { checkNamingConfig, type NamingConfig } from '../ir/naming-config.js';
import { addEntry, renderEntry } from './changelog.js';
import { type Bump, bumpVersion, readPackageVersion, releaseLevel, setPackageVersion } from './version.js';

/** A text and the name reports give it (`spec/naming.yaml`, `spec3.yml`, a URL). */
export interface NamedText {
  text: string;
  label: string;
}

export interface UpdateInputs {
  /** Telnyx's full spec (or any spec holding the configured operations and webhooks). */
  source: NamedText;
  /** The fragment as it is now. */
  current: NamedText;
  extractConfig: NamedText;
  naming: NamedText;
  /** The changelog as it is now; undefined when there is none yet. */
  changelog?: string;
  date?: string;
}

export type UpdatePlan =
  | { status: 'failed'; diagnostics: Diagnostic[] }
  | { status: 'unchanged' }
  | {
      status: 'updated';
      packageName: string;
      fragment: string;
      naming: string;
      changelog: string;
      changes: ApiChange[];
      bump: Bump;
      labels: ReportLabels;
    };

export function planUpdate(input: UpdateInputs): UpdatePlan {
  const extracted = extract(input.source, input.extractConfig);
  if (extracted.text === undefined) return { status: 'failed', diagnostics: extracted.diagnostics };
  if (body(extracted.text) === body(input.current.text)) return { status: 'unchanged' };

  const naming = namingConfig(input.naming);
  if (!naming.config) return { status: 'failed', diagnostics: naming.diagnostics };
  const before = sideModel(input.current.text, input.current.label, naming.config);
  const after = sideModel(extracted.text, input.source.label, naming.config);
  if (!before.model || !after.model)
    return { status: 'failed', diagnostics: [...before.diagnostics, ...after.diagnostics] };

  const changes = diffModels(before.model, after.model);
  const where = input.naming.label;
  const bump = bumpVersion(readPackageVersion(input.naming.text, where), releaseLevel(changes), where);
  const entry = renderEntry({
    bump,
    changes,
    spec: after.label.about,
    ...(input.date ? { date: input.date } : {}),
  });
  return {
    status: 'updated',
    packageName: naming.config.package.name,
    fragment: extracted.text,
    naming: setPackageVersion(input.naming.text, bump.to, where),
    changelog: addEntry(input.changelog, entry),
    changes,
    bump,
    labels: { old: before.label, new: after.label },
  };
}

/**
 * The fragment less its header comment, which names the full spec and its hash: Telnyx's spec
 * changes almost daily elsewhere, and a fragment whose body is the same is no update.
 */
const body = (fragment: string): string => fragment.replace(/^(#[^\n]*\n)+/, '');

function extract(source: NamedText, configText: NamedText): { text?: string; diagnostics: Diagnostic[] } {
  const config = parseConfig(configText);
  if (!config.value) return { diagnostics: config.diagnostics };
  const loaded = loadSpecText(source.text, source.label);
  if (hasErrors(loaded.diagnostics)) return { diagnostics: loaded.diagnostics };
  const result = extractFragment(loaded.document, config.value, {
    fileName: source.label,
    sha256: loaded.sha256,
    configFile: configText.label,
  });
  const located = result.diagnostics.map((d) => ({ ...d, file: d.file ?? source.label }));
  return hasErrors(located) ? { diagnostics: located } : { text: result.text, diagnostics: located };
}

function parseConfig(config: NamedText): { value?: ExtractConfig; diagnostics: Diagnostic[] } {
  const fail = (message: string) => ({
    diagnostics: [
      {
        code: 'extract-config-invalid',
        severity: 'error' as const,
        message,
        pointer: '#',
        file: config.label,
      },
    ],
  });
  let value: unknown;
  try {
    value = parse(config.text);
  } catch (err) {
    return fail((err as Error).message.split('\n')[0] ?? 'not YAML');
  }
  const v = value as Partial<ExtractConfig> | null;
  if (!v || !Array.isArray(v.operations) || !Array.isArray(v.webhooks))
    return fail('the extract config needs an `operations` list and a `webhooks` list');
  return { value: v as ExtractConfig, diagnostics: [] };
}

function namingConfig(naming: NamedText): { config?: NamingConfig; diagnostics: Diagnostic[] } {
  try {
    return checkNamingConfig(parse(naming.text), naming.label);
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] ?? 'not YAML';
    return {
      diagnostics: [
        { code: 'naming-config-invalid', severity: 'error', message, pointer: '#', file: naming.label },
      ],
    };
  }
}

/** A side's model and its report label; only errors are kept, the generator prints warnings. */
function sideModel(text: string, name: string, naming: NamingConfig) {
  const built = modelFromText(text, name, naming);
  const about = specIdentity(text, built.model);
  const label: SideLabel = about ? { name, about } : { name };
  const diagnostics = built.diagnostics.filter((d) => d.severity === 'error');
  return built.model ? { model: built.model, label, diagnostics } : { label, diagnostics };
}
