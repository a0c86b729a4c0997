import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addAgendaItem, createWorkspace, deriveWorkspaceKeys, listMeetings, newWorkspaceSecret, type WorkspaceKeys } from '../../core/index.ts';
import { openConnection, preloadLocalCopy } from '../../extension/utils/connection.ts';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

/** A connection that never reaches a relay: what is tested here is the local copy alone. */
function open(keys: WorkspaceKeys) {
  return openConnection({
    room: keys.room, relayUrl: 'ws://127.0.0.1:9', token: keys.token, key: keys.key, connectLater: true,
    onIntegrityError: () => undefined, onError: () => undefined,
  });
}

const titles = (doc: Parameters<typeof listMeetings>[0]) => listMeetings(doc).flatMap((m) => m.agenda.map((item) => item.title));

describe('the local copy of a workspace', () => {
  it('keeps what is written after it loaded and what was written while it loaded, across reopening', async () => {
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret());
    const first = open(keys);
    await first.whenLoaded;
    const { meetingId, memberId } = createWorkspace(first.doc, { id: keys.room, name: 'Ada & Ben', creator: { displayName: 'Ada', role: 'mentor' } });
    addAgendaItem(first.doc, meetingId, { title: 'Written once loaded', createdBy: memberId });
    first.destroy();

    // Preloaded as a page does, then written to before the copy is in (as the relay's changes can be).
    preloadLocalCopy(keys.room);
    const second = open(keys);
    second.doc.getMap('early').set('note', 'Written while loading');
    await second.whenLoaded;
    expect(titles(second.doc)).toEqual(['Written once loaded']);
    addAgendaItem(second.doc, meetingId, { title: 'Written after reopening', createdBy: memberId });
    second.destroy();

    const third = open(keys);
    await third.whenLoaded;
    expect(titles(third.doc)).toEqual(['Written once loaded', 'Written after reopening']);
    expect(third.doc.getMap('early').get('note')).toBe('Written while loading');
    third.destroy();
  });
});
