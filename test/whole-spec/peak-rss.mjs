// Runs a Node script (with its arguments) in this process and, as the process exits, prints its
// peak resident memory in MB to stderr as `peak-rss-mb <n>`: worker threads included, since
// they share the process. `node test/whole-spec/peak-rss.mjs generator/cli/run.mjs --spec …`
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
if (!script) throw new Error('usage: peak-rss.mjs <script> [args…]');
process.argv = [process.argv[0], resolve(script), ...args];
process.on('exit', () => {
  process.stderr.write(`peak-rss-mb ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
});
await import(pathToFileURL(resolve(script)).href);
