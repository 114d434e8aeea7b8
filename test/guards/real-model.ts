/** The model of the real spec, built the way the generator builds it. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildModel } from '../../generator/ir/build.ts';
import { checkNamingConfig } from '../../generator/ir/naming-config.ts';
import { loadSpecText } from '../../generator/core/load.ts';

export function realModel() {
  const spec = loadSpecText(readFileSync('spec/voice-media.yaml', 'utf8'), 'voice-media.yaml');
  const naming = checkNamingConfig(parse(readFileSync('spec/naming.yaml', 'utf8')), 'naming.yaml').config!;
  return buildModel({
    document: spec.document,
    naming,
    specFile: 'spec/voice-media.yaml',
    specHash: spec.sha256,
  });
}
