import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

/**
 * Acts as a dishonest relay operator on a stopped relay's data: flips one byte in
 * the middle of each of `room`'s stored sealed blobs, keeping the Yjs framing
 * intact so that only the client's authentication can notice. Returns how many
 * blobs were altered.
 */
export function flipByteInStoredBlobs(dataDir: string, room: string): number {
  const db = new Database(join(dataDir, 'tandem-relay.sqlite'));
  try {
    const rows = db.prepare('SELECT id, data FROM updates WHERE room = ?').all(room) as { id: number; data: Buffer }[];
    let flipped = 0;
    for (const row of rows) {
      for (const struct of Y.decodeUpdate(row.data).structs) {
        if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentBinary)) continue;
        const blob = Buffer.from(struct.content.content);
        const at = row.data.indexOf(blob);
        if (at < 0) continue;
        row.data[at + Math.floor(blob.byteLength / 2)]! ^= 0x40;
        flipped++;
      }
      db.prepare('UPDATE updates SET data = ? WHERE id = ?').run(row.data, row.id);
    }
    return flipped;
  } finally {
    db.close();
  }
}
