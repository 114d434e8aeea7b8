/**
 * Where the project's inputs live. Apart from inputs.ts so the CLI can read them at start-up
 * without loading the YAML parser, before it starts its helper thread (see cli.ts).
 */
import { basename, join, relative, resolve, sep } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

export interface InputPaths {
  spec: string;
  naming: string;
  templates: string;
  runtime: string;
}

export const DEFAULT_PATHS: InputPaths = {
  spec: join(PROJECT_ROOT, 'spec/voice-media.yaml'),
  naming: join(PROJECT_ROOT, 'spec/naming.yaml'),
  templates: join(PROJECT_ROOT, 'templates'),
  runtime: join(PROJECT_ROOT, 'runtime'),
};

/**
 * The name a file goes by in headers and diagnostics: relative to the project when inside it,
 * else its base name, so output never depends on the working directory or the machine.
 */
export function displayName(path: string): string {
  const rel = relative(PROJECT_ROOT, resolve(path));
  return rel.startsWith('..') || rel === '' ? basename(path) : rel.split(sep).join('/');
}
