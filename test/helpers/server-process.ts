import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';

/** A server a test started, in a folder of its own that goes with it. */
export interface ServerProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far, for failure messages. */
  output(): string;
  /** Stops it with `signal`, waits for the exit (SIGKILL after 10 s) and deletes its folder. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const STOP_TIMEOUT_MS = 10_000;
const running = new Map<ChildProcess, string>();

/** Kills what is still running and deletes its folders; synchronous, so it can run on exit. */
function cleanUp(): void {
  for (const [child, folder] of running) {
    child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  }
  running.clear();
}

// A test run that ends half-way must not leave servers or their folders behind.
// (Postgres's backends end by themselves once their postmaster is gone.)
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    cleanUp();
    // Unless someone else handles it, die of the signal as we would have.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

/** Spawns a server, remembers `folder` for deletion, and keeps its output. */
export function spawnServer(command: string, args: string[], folder: string, options: SpawnOptions = {}): ServerProcess {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  running.set(child, folder);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      running.delete(child);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Polls `ready` every 50 ms until it resolves true, or fails after `timeoutMs` with the server's output. */
export async function waitUntilReady(server: ServerProcess, what: string, ready: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`${what} exited before it was ready:\n${server.output()}`);
    }
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms:\n${server.output()}`);
}
