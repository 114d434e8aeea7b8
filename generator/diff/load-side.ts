/**
 * Turns one `spec:diff` argument into a model: a file path, or `REV:PATH` read with `git show`.
 * Problems come back as diagnostics so the CLI can print them and exit 2 instead of throwing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { type Diagnostic, hasErrors } from '../core/diagnostics.js';
import { buildModel } from '../ir/build.js';
import { checkNamingConfig, type NamingConfig } from '../ir/naming-config.js';
import type { Model } from '../ir/types.js';
import { loadSpecText } from '../core/load.js';

export interface SideText {
  text?: string;
  /**
   * What diagnostics and the report call this side: `REV:PATH` as given, a file's path from the
   * working directory, or its bare name when it lies outside: never an absolute path, which would
   * only say where the report was run.
   */
  label: string;
  diagnostics: Diagnostic[];
}

export function fileLabel(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : basename(file);
}

/**
 * What the spec says it is: `Telnyx API 2.0.0, extracted from spec3-2026-07-16.yml`, from its
 * `info` and the header `spec:extract` writes; undefined when it says nothing.
 */
export function specIdentity(
  text: string,
  model: Pick<Model, 'title' | 'version'> | undefined,
): string | undefined {
  const source = /^# Extracted from (\S+)/m.exec(text)?.[1];
  const name = [model?.title, model?.version].filter(Boolean).join(' ');
  return [name, source ? `extracted from ${source}` : ''].filter(Boolean).join(', ') || undefined;
}

const unreadable = (label: string, message: string): SideText => ({
  label,
  diagnostics: [{ code: 'spec-unreadable', severity: 'error', message, pointer: '#', file: label }],
});

export function readSide(arg: string, cwd: string): SideText {
  const file = resolve(cwd, arg);
  if (existsSync(file)) {
    const label = fileLabel(file, cwd);
    try {
      return { text: readFileSync(file, 'utf8'), label, diagnostics: [] };
    } catch (err) {
      return unreadable(label, `cannot read ${label}: ${(err as Error).message}`);
    }
  }
  if (!arg.includes(':')) return unreadable(arg, `no such file: ${arg}`);
  return readRevision(arg, cwd);
}

/** `git show REV:PATH`, run from the repository root so PATH means the same wherever we are. */
function readRevision(arg: string, cwd: string): SideText {
  const git = (args: string[], dir: string) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  try {
    const root = git(['rev-parse', '--show-toplevel'], cwd).trim();
    return { text: git(['show', arg], root), label: arg, diagnostics: [] };
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? '').trim();
    const reason = stderr.split('\n')[0] || (err as Error).message;
    return unreadable(arg, `cannot read git revision ${arg}: ${reason}`);
  }
}

export function readNamingConfig(file: string): { config?: NamingConfig; diagnostics: Diagnostic[] } {
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return {
      diagnostics: [
        {
          code: 'naming-config-invalid',
          severity: 'error',
          message: (err as Error).message.split('\n')[0] ?? '',
          pointer: '#',
          file,
        },
      ],
    };
  }
  return checkNamingConfig(value, file);
}

/** Parses and builds; a document that is not OpenAPI 3.x at all is refused before building. */
export function modelFromText(
  text: string,
  label: string,
  naming: NamingConfig,
): { model?: Model; diagnostics: Diagnostic[] } {
  const loaded = loadSpecText(text, label);
  if (hasErrors(loaded.diagnostics)) return { diagnostics: loaded.diagnostics };
  const doc = loaded.document as Record<string, unknown> | null;
  if (
    typeof doc !== 'object' ||
    doc === null ||
    Array.isArray(doc) ||
    typeof doc.openapi !== 'string' ||
    !doc.openapi.startsWith('3.')
  ) {
    return {
      diagnostics: [
        {
          code: 'spec-invalid',
          severity: 'error',
          message: 'not an OpenAPI 3.x document (no `openapi: 3.x` field)',
          pointer: '#',
          file: label,
        },
      ],
    };
  }
  const { model, diagnostics } = buildModel({
    document: doc,
    naming,
    specFile: label,
    specHash: loaded.sha256,
  });
  // Point each diagnostic at its line, as the generator does.
  const located = diagnostics.map((d) => ({
    ...d,
    file: d.file ?? label,
    ...(d.line ? {} : loaded.locate(d.pointer)),
  }));
  return hasErrors(located) ? { diagnostics: located } : { model, diagnostics: located };
}
