import type { ChunkingContext } from 'rolldown';
import type { Plugin } from 'vite';

// The popup and side panel open on a view of their own (Meeting, Call). Everything those two pages
// import statically goes into as few files as possible: each file an extension page loads is a
// request through the browser process, and in Chromium twenty small files took about 30 ms longer
// than the same code in two. What the coordinator's page imports too is one chunk, what only the
// popup and side panel need is another; views opened later keep chunks of their own.
const FIRST_VIEW_ENTRIES = /[\\/]entrypoints[\\/](popup|sidepanel)[\\/](main\.ts|index\.html)$/;
const COORDINATOR_ENTRY = /[\\/]entrypoints[\\/]coordinator[\\/](main\.ts|index\.html)$/;

// core's index files (core/index.ts, core/program/index.ts) re-export whole folders; a page keeps
// only what it uses of them. So a module counts as reached through an index only by importers
// that name one of its exports. An import this misses only leaves a module to rolldown's own
// chunking (one more file to load), never out of the build.
const CORE_INDEX = /[\\/]core[\\/](.+[\\/])?index\.ts$/;

/** The names `code` imports from the index file at `path` (core/…/index.ts), or null when it may use any of them. */
function namesImported(code: string | null, path: string): Set<string> | null {
  const from = `\\s*from\\s*["'][^"']*${path.replace(/[.\\/]/g, (c) => (c === '.' ? '\\.' : '[\\\\/]'))}["']`;
  if (code === null || new RegExp(`import\\s*\\*\\s*as\\s+\\w+${from}`).test(code)) return null;
  const names = new Set<string>();
  for (const [, list] of code.matchAll(new RegExp(`import\\s*\\{([^}]*)\\}${from}`, 'g'))) {
    for (const part of list!.split(',')) names.add(part.trim().split(/\s+as\s+/)[0]!.replace(/^type\s+/, ''));
  }
  return names;
}

interface Reach { firstView: boolean; coordinator: boolean }

/** Which entries reach a module through static imports that use it, memoised per module id. */
function staticReach(ctx: ChunkingContext): (id: string) => Reach {
  const reach = new Map<string, Reach>();
  const uses = (importer: string, index: string, id: string): boolean => {
    const names = namesImported(ctx.getModuleInfo(importer)?.code ?? null, index.slice(index.search(/core[\\/]/)));
    return names === null || (ctx.getModuleInfo(id)?.exports ?? []).some((name) => names.has(name));
  };
  // Depth first up the importers. A walk that met a module already on its path (an import
  // cycle) may be missing what lies beyond it, so its answer is kept only at the top.
  const of = (id: string, path: Set<string>): { found: Reach; whole: boolean } => {
    const known = reach.get(id);
    if (known) return { found: known, whole: true };
    const found = { firstView: FIRST_VIEW_ENTRIES.test(id), coordinator: COORDINATOR_ENTRY.test(id) };
    let whole = true;
    path.add(id);
    const climb = (importer: string) => {
      if (path.has(importer)) return void (whole = false);
      const above = of(importer, path);
      found.firstView ||= above.found.firstView;
      found.coordinator ||= above.found.coordinator;
      whole &&= above.whole;
    };
    const throughIndex = (index: string) => {
      for (const user of ctx.getModuleInfo(index)?.importers ?? []) {
        if (CORE_INDEX.test(user)) throughIndex(user);
        else if (uses(user, index, id)) climb(user);
      }
    };
    for (const importer of ctx.getModuleInfo(id)?.importers ?? []) {
      if (CORE_INDEX.test(importer)) throughIndex(importer);
      else climb(importer);
    }
    path.delete(id);
    if (whole || path.size === 0) reach.set(id, found);
    return { found, whole };
  };
  return (id) => of(id, new Set()).found;
}

let reachOf: ReturnType<typeof staticReach> | undefined;
let reachFor: ChunkingContext | undefined;

/**
 * A chunk of the popup's and side panel's first load: `also` says whether the coordinator's
 * page imports the module too. Null leaves a module to rolldown's own chunking.
 */
const firstViewChunk = (name: string, also: boolean) => (id: string, ctx: ChunkingContext): string | null => {
  if (reachFor !== ctx) [reachOf, reachFor] = [staticReach(ctx), ctx];
  const { firstView, coordinator } = reachOf!(id);
  // Entries stay chunks of their own: each page runs only its own.
  if (!firstView || coordinator !== also || FIRST_VIEW_ENTRIES.test(id) || COORDINATOR_ENTRY.test(id)) return null;
  return name;
};

/**
 * Groups the popup's and side panel's first load into its two chunks, in the build of
 * the extension's pages (the background worker is built on its own, as one file).
 */
export function firstViewChunks(): Plugin {
  return {
    name: 'tandem-first-view-chunks',
    config(config) {
      if (config.build?.lib) return;
      return {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                // The shared chunk is formed first, so that the other one imports from it and not the other way round.
                groups: [
                  { name: firstViewChunk('shared', true), debugName: 'shared', priority: 2 },
                  { name: firstViewChunk('first-view', false), debugName: 'first view', priority: 1 },
                ],
              },
            },
          },
        },
      };
    },
  };
}
