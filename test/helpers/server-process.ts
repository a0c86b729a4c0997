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

// A test run that ends half-way must not leave servers or their folders behind.
process.once('exit', () => {
  for (const [child, folder] of running) {
    killGroup(child, 'SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  }
});

/**
 * Spawns a server in its own process group (so that its children go when it is
 * killed), remembers `folder` for deletion, and keeps its output.
 */
export function spawnServer(command: string, args: string[], folder: string, options: SpawnOptions = {}): ServerProcess {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.set(child, folder);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) killGroup(child, signal);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      running.delete(child);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
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
