/**
 * Runs once before any test file: builds `generated/dist` when it is older than
 * `generated/src`. Tests that run the built package (the webhook example, the IVR) then find it
 * fresh, instead of several of them starting the same build at once in parallel workers.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

export default function setup(): void {
  let built = 0;
  try {
    built = statSync(join(root, 'generated/dist/index.js')).mtimeMs;
  } catch {}
  if (built < newest(join(root, 'generated/src'))) {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'generated/tsconfig.json'], {
      cwd: root,
      stdio: 'pipe',
    });
  }
}
