import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Where `npm run build` puts the extension. */
export const EXTENSION_DIR = resolve('.output/chrome-mv3');

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).byteLength;

// Rolldown writes static imports as `import ... from "./x.js"` or bare `import "./x.js"`; dynamic ones as `import("./x.js")`.
const STATIC_IMPORT = /(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;

/** A JS file and every file it imports statically, transitively: what a page must load before it runs. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      visit(spec!.startsWith('/') ? join(EXTENSION_DIR, spec!) : resolve(dirname(file), spec!));
    }
  };
  visit(entry);
  return seen;
}

/** The scripts an HTML page of the extension loads as modules. */
function pageScripts(html: string): string[] {
  const text = readFileSync(join(EXTENSION_DIR, html), 'utf8');
  return [...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map(([, src]) => join(EXTENSION_DIR, src!));
}

/** One row of the size table: an entry and the JavaScript it loads before its first line runs. */
export interface EntrySize {
  entry: string;
  files: number;
  'initial JS KB': number;
  'initial JS KB gzipped': number;
}

const kb = (bytes: number) => +(bytes / 1024).toFixed(1);

/** The initial JavaScript of the popup, the side panel and the background worker, raw and gzipped. */
export function entrySizes(): EntrySize[] {
  const entries: [string, string[]][] = [
    ['popup', pageScripts('popup.html')],
    ['sidepanel', pageScripts('sidepanel.html')],
    ['background', [join(EXTENSION_DIR, 'background.js')]],
  ];
  return entries.map(([entry, scripts]) => {
    const files = new Set(scripts.flatMap((s) => [...staticClosure(s)]));
    const raw = [...files].reduce((sum, f) => sum + statSync(f).size, 0);
    const zipped = [...files].reduce((sum, f) => sum + gz(f), 0);
    return { entry, files: files.size, 'initial JS KB': kb(raw), 'initial JS KB gzipped': kb(zipped) };
  });
}

/** Every JavaScript chunk of the build with its gzipped size, largest first: what loads later, on demand. */
export function chunkSizes(): { chunk: string; 'KB gzipped': number }[] {
  const dir = join(EXTENSION_DIR, 'chunks');
  return readdirSync(dir).filter((f) => f.endsWith('.js'))
    .map((f) => ({ chunk: relative(EXTENSION_DIR, join(dir, f)), 'KB gzipped': kb(gz(join(dir, f))) }))
    .sort((a, b) => b['KB gzipped'] - a['KB gzipped']);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(entrySizes());
  console.table(chunkSizes());
}
