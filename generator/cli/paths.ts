/**
 * Where the project's inputs live. Apart from inputs.ts so the CLI can read them at start-up
 * without loading the YAML parser, before it starts its helper thread (see cli.ts).
 */
import { join, resolve } from 'node:path';

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
