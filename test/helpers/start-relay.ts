import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A relay running as its own process, as in production. */
export interface RelayProcess {
  /** `ws://127.0.0.1:<port>`: pass to a provider as the server URL. */
  url: string;
  port: number;
  /** Reuse it in `startRelay({ dataDir })` to restart on the same data. */
  dataDir: string;
  /** Every stdout line so far (one JSON log line each). */
  logs: string[];
  /** Settles when the process has exited, with how it exited. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit; rejects (after a SIGKILL) if it takes more than 10 s. */
  stop(): Promise<void>;
  /** SIGKILL, then waits for the exit: a crash. */
  kill(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STARTUP_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const running = new Set<ChildProcess>();

// A test run that dies half-way must not leave relays behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Spawns `sync-server/main.ts` on 127.0.0.1 with port 0 and resolves once it
 * logs `listening`. Data goes to `opts.dataDir` or a fresh temporary directory;
 * `opts.env` adds or overrides environment variables.
 *
 * @example
 *   const relay = await startRelay({ env: { MAX_MESSAGE_BYTES: '65536' } });
 *   try { ... } finally { await relay.stop(); }
 */
export async function startRelay(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RelayProcess> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'tandem-relay-')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const logs: string[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const port = await new Promise<number>((resolve, reject) => {
    let started = false;
    const fail = (why: string) => {
      if (started) return;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The relay did not start: ${why}.\nstderr:\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`no "listening" line within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    void exit.then(({ code, signal }) => fail(`it exited (code ${code}, signal ${signal})`));
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const port = listeningPort(line);
        if (port !== null && !started) {
          started = true;
          clearTimeout(timer);
          resolve(port);
        }
      }
    });
  });

  const waitForExit = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
    });
    const outcome = await Promise.race([exit, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      child.kill('SIGKILL');
      await exit;
      throw new Error(`The relay did not exit within ${STOP_TIMEOUT_MS} ms of ${signal}.`);
    }
  };

  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    dataDir,
    logs,
    exit,
    stop: () => waitForExit('SIGTERM'),
    kill: () => waitForExit('SIGKILL'),
  };
}

function listeningPort(line: string): number | null {
  try {
    const entry = JSON.parse(line) as { event?: unknown; port?: unknown };
    return entry.event === 'listening' && typeof entry.port === 'number' ? entry.port : null;
  } catch {
    return null;
  }
}
