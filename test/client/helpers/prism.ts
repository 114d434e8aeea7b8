/**
 * Starts Prism (the @stoplight/prism-cli mock server) on a free loopback port, serving an
 * OpenAPI file, and stops it again. Prism validates every request against the spec, so a 200
 * from it means the request our client sent is one the spec allows.
 *
 * Prism is run with `node <its dist/index.js>` rather than through npx or `.bin/prism`, so no
 * shell or package-manager lookup sits between the test and the process we have to kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PRISM_CLI = 'node_modules/@stoplight/prism-cli/dist/index.js';
/** Prism loads and dereferences the spec before listening; on a loaded 2-core box that is slow. */
const START_TIMEOUT_MS = 90_000;
/** Keep only the tail of Prism's log: it logs every request and is only read on failure. */
const LOG_TAIL_CHARS = 20_000;

export interface PrismServer {
  baseURL: string;
  /** The tail of Prism's stdout + stderr, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** A port that was free a moment ago. Prism cannot take port 0, so we pick one for it. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts Prism on `specPath` (relative to the repo root); retries if the port got taken. */
export async function startPrism(specPath: string): Promise<PrismServer> {
  let lastError: unknown;
  // Another process may grab the port between freePort() and Prism's listen(): try again then.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(specPath, await freePort());
    } catch (error) {
      lastError = error;
      if (!String(error).includes('EADDRINUSE')) break;
    }
  }
  throw lastError;
}

function startOnce(specPath: string, port: number): Promise<PrismServer> {
  const child = spawn(
    process.execPath,
    [PRISM_CLI, 'mock', specPath, '-p', String(port), '-h', '127.0.0.1'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } },
  );
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-LOG_TAIL_CHARS);
  };
  // Always drain both pipes: a full pipe would block Prism mid-request.
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  const server: PrismServer = {
    baseURL: `http://127.0.0.1:${port}`,
    log: () => output,
    stop: () => stopChild(child),
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      void stopChild(child);
      reject(new Error(`Prism did not start within ${START_TIMEOUT_MS} ms. Output:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (): void => {
      // The line Prism prints once its HTTP server accepts connections.
      if (output.includes('Prism is listening on')) {
        cleanup();
        resolve(server);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      cleanup();
      reject(new Error(`Prism exited before listening (code ${code}, signal ${signal}). Output:\n${output}`));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    function cleanup(): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** SIGTERM, then SIGKILL if Prism has not exited after 5 s; resolves once it is gone. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
