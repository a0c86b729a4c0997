import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectProvider, randomRoom, randomToken, waitFor, waitForSynced } from '../helpers/relay-client.ts';
import type { WebsocketProvider } from 'y-websocket';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository, so that the compiled files find node_modules as they do in production.
const OUT_DIR = join(REPO_ROOT, 'dist', `relay-build-test-${process.pid}`);

describe('the compiled relay', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('builds to JavaScript and serves rooms from it, worker threads included', async () => {
    await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'sync-server/tsconfig.build.json', '--outDir', OUT_DIR], {
      cwd: REPO_ROOT,
    });
    cleanups.push(() => rm(OUT_DIR, { recursive: true, force: true }));
    const dataDir = await mkdtemp(join(tmpdir(), 'tandem-relay-build-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const child = spawn(process.execPath, [join(OUT_DIR, 'main.js')], {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanups.push(async () => {
      child.kill('SIGKILL');
      await exited;
    });
    const port = await new Promise<number>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const match = /"event":"listening".*?"port":(\d+)/.exec(chunk);
        if (match) resolve(Number(match[1]));
      });
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const room = randomRoom();
    const token = randomToken();
    const track = (p: WebsocketProvider) => (cleanups.push(() => p.destroy()), p);
    const writer = track(connectProvider(`ws://127.0.0.1:${port}`, room, token));
    await waitForSynced(writer);
    writer.doc.getText('t').insert(0, 'small');
    writer.doc.getArray<Uint8Array>('blobs').push([new Uint8Array(100 * 1024).fill(3)]);
    const reader = track(connectProvider(`ws://127.0.0.1:${port}`, room, token, new Y.Doc()));
    await waitForSynced(reader);
    await waitFor(() => reader.doc.getArray('blobs').length === 1 && reader.doc.getText('t').toString() === 'small', 5_000, 'both edits');
  }, 60_000);
});
