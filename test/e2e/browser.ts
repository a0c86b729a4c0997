import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** The built extension the suite loads; `npm test` builds it first. */
export const EXTENSION_DIR = resolve('.output/chrome-mv3');
/** Screenshots land here for people to look at after a run. */
export const ARTIFACTS_DIR = resolve('test-results');

/** One person's browser: a persistent Chromium profile with Tandem loaded. */
export interface Profile {
  context: BrowserContext;
  extensionId: string;
  dir: string;
}

/**
 * Launches Debian's Chromium on a persistent profile in `dir` with the built
 * extension (or the copy of it in `extensionDir`), keeping its temp and config files inside `dir` too.
 */
export async function launchProfile(dir: string, extensionDir = EXTENSION_DIR): Promise<Profile> {
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, TMPDIR: join(dir, 'tmp'), XDG_CONFIG_HOME: join(dir, 'config'), HOME: dir },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      // Playwright adds --disable-extensions; this is what lets ours load anyway.
      `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return { context, extensionId: new URL(worker.url()).host, dir };
}

/** Closes every profile given, ignoring ones already closed. */
export async function closeAll(...profiles: (Profile | undefined)[]): Promise<void> {
  await Promise.all(profiles.map((p) => p?.context.close().catch(() => undefined)));
}
