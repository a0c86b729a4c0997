import type { Page } from 'playwright-core';

/**
 * The bytes of this device's copy of the open workspace's shared doc (the
 * `tandem-ws-<room>` database), as latin1 text so plain strings can be looked for.
 * Fails unless exactly one workspace copy is stored, so a test never reads the wrong one.
 */
export async function storedWorkspaceText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('tandem-ws-'));
    if (names.length !== 1) throw new Error(`Expected one stored workspace, found ${JSON.stringify(names)}`);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(names[0]!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const latin1 = new TextDecoder('latin1');
      return values.map((value) => latin1.decode(value as Uint8Array)).join('\n');
    } finally {
      db.close();
    }
  });
}

/** The rooms of the workspaces this browser has joined, as its registry lists them. */
export async function joinedRooms(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('tandem-registry');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<string[]>((resolve, reject) => {
        const request = db.transaction('workspaces', 'readonly').objectStore('workspaces').getAllKeys();
        request.onsuccess = () => resolve(request.result.map(String));
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  });
}
