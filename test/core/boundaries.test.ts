import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|vue)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/**
 * Core modules a page may import directly: the background worker reads the call
 * sites and nothing else, so it stays a few kilobytes without leaning on tree-shaking.
 * Each imports nothing, so it exposes no internals.
 */
const STANDALONE = ['core/call-sites.ts'];

const importPaths = (source: string) => [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('module boundaries', () => {
  it('keeps every folder outside core importing core through its public index only (or a standalone module)', async () => {
    const offenders: string[] = [];
    for (const dir of ['extension', 'sync-server', 'test/e2e', 'test/helpers', 'test/extension', 'test/bench']) {
      const files = await sourceFiles(dir).catch(() => []);
      for (const file of files) {
        const source = await readFile(join(ROOT, file), 'utf8');
        for (const path of importPaths(source)) {
          const allowed = /(^|\/)core\/index\.ts$/.test(path) || STANDALONE.some((module) => path.endsWith(module));
          if (/(^|\/)core\//.test(path) && !allowed) offenders.push(`${file} imports ${path}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the standalone modules free of imports', async () => {
    for (const module of STANDALONE) expect(importPaths(await readFile(join(ROOT, module), 'utf8'))).toEqual([]);
  });

  it('never exposes the private notebook doc through the public index', async () => {
    const core = await import('../../core/index.ts');
    expect(Object.keys(core)).not.toContain('notebookDoc');
    expect(Object.keys(core)).not.toContain('placeDoc');
  });

  it('keeps core free of browser, Node, WXT and UI imports', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('core')) {
      const source = await readFile(join(ROOT, file), 'utf8');
      for (const path of importPaths(source)) {
        if (/^(node:|wxt|#imports|vue|pinia|dexie|y-indexeddb|y-websocket|@tiptap)|extension\/|sync-server\//.test(path)) offenders.push(`${file} imports ${path}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
