import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import {
  addActionItem, addAgendaItem, addGoal, addMeeting, agendaItemNotes, cancelMeeting, createWorkspace,
  deriveWorkspaceKeys, editAgendaItemTitle, endMeeting, hasWorkspace, joinWorkspace, listGoals, listMeetings, moveAgendaItem,
  newWorkspaceSecret, readWorkspace, removeAgendaItem, type Meeting,
} from '../../core/index.ts';
import { appendPlainParagraphs } from '../../core/rich-text.ts';
import { SoakPeer } from './soak-peer.ts';
import type { SoakWorld } from './world.ts';

/** What one seed did and how it ended. */
export interface SessionResult {
  seed: number;
  peers: number;
  operations: number;
  faults: string[];
  /** Why the seed failed; absent when it passed. */
  failure?: string;
}

/** Which faults a session may use; the test suite leaves out the slow relay restart. */
export interface SessionOptions {
  relayKills?: boolean;
  /** How long the settled peers may take to agree, in milliseconds. */
  settleMs?: number;
}

const word = (gen: prng.PRNG) => prng.word(gen, 1, 8);

/**
 * Runs one randomized session: 2 to 5 members edit one workspace through the
 * sealed sync, the relay and the frame proxy, with faults, then every fault stops,
 * everyone reconnects, and every member's copy must equal the merge of every edit
 * anyone made (a reference doc that saw each of them). The seed fixes the
 * members, the operations and the faults; network timing is the only thing it
 * does not fix.
 */
export async function runSession(seed: number, world: SoakWorld, options: SessionOptions = {}): Promise<SessionResult> {
  const gen = prng.create(seed);
  // The proxy draws as many numbers as frames pass, which timing decides: it gets its own generator,
  // so that the members, operations and faults stay the same on every replay.
  const frames = prng.create(seed + 0x9e3779b9);
  world.random = () => prng.real53(frames);
  world.proxy.faults = { drop: 0, delayMs: 0 };
  const faults: string[] = [];
  const reference = new Y.Doc();
  const keys = await deriveWorkspaceKeys(newWorkspaceSecret());
  const count = prng.int32(gen, 2, 5);
  const peers: SoakPeer[] = [];
  const record = (update: Uint8Array) => Y.applyUpdate(reference, update, 'reference');
  const result: SessionResult = { seed, peers: count, operations: 0, faults };
  try {
    for (let i = 0; i < count; i++) peers.push(new SoakPeer(world.proxy.url, keys, `peer${i}`, record));
    const [first] = peers as [SoakPeer];
    first.memberId = createWorkspace(first.content, { id: keys.room, name: `Soak ${seed}`, creator: { displayName: 'Member 0', role: 'mentor' } }).memberId;
    await until(() => peers.every((p) => hasWorkspace(p.content)), 15_000, 'every member to receive the workspace');
    peers.slice(1).forEach((peer, i) => {
      peer.memberId = joinWorkspace(peer.content, { displayName: `Member ${i + 1}`, role: i % 2 === 0 ? 'mentee' : 'facilitator' });
    });

    const steps = prng.int32(gen, 10, 40);
    for (let step = 0; step < steps; step++) {
      const peer = prng.oneOf(gen, peers);
      if (prng.int32(gen, 0, 9) === 0) await fault(gen, world, peers, faults, options);
      else {
        operate(gen, peer);
        // Concurrent typing: another member edits the same title before anything syncs.
        if (prng.int32(gen, 0, 5) === 0) operate(gen, prng.oneOf(gen, peers), 'rename');
        result.operations++;
      }
      for (const p of peers) {
        if (p.offlineFor > 0 && --p.offlineFor === 0) p.reconnect();
      }
      await pause(prng.int32(gen, 0, 3) === 0 ? prng.int32(gen, 1, 15) : 0);
    }

    // Settle: faults stop, everyone reconnects, and every copy must reach the merge of everything.
    world.proxy.faults = { drop: 0, delayMs: 0 };
    // A dropped frame leaves a gap that only a fresh sync closes, as a real connection's would after it breaks.
    if (faults.includes('drop')) world.proxy.dropConnections();
    for (const p of peers) {
      p.offlineFor = 0;
      p.reconnect();
    }
    const settled = await until(() => peers.every((p) => p.device.provider.synced && sameState(p.content, reference)), options.settleMs ?? 15_000, '')
      .then(() => true, () => false);
    await Promise.all(peers.map((p) => p.device.sync.whenIdle()));
    if (!settled) return { ...result, failure: describeDivergence(peers, reference) };
    const expected = JSON.stringify(snapshotOf(reference));
    const differing = peers.find((p) => JSON.stringify(snapshotOf(p.content)) !== expected);
    if (differing) return { ...result, failure: `${differing.name}'s snapshot differs from the merge of every edit` };
    const failing = peers.find((p) => p.failures.length > 0);
    if (failing) return { ...result, failure: `${failing.name} reported: ${failing.failures[0]!.message}` };
    return result;
  } catch (e) {
    return { ...result, failure: (e as Error).stack ?? String(e) };
  } finally {
    peers.forEach((p) => p.destroy());
    reference.destroy();
  }
}

/** One random edit by `peer`, through the same core functions the app uses. Refusals (a rule said no) are fine. */
function operate(gen: prng.PRNG, peer: SoakPeer, only?: 'rename'): void {
  const doc = peer.content;
  const meetings = listMeetings(doc);
  const open = meetings.filter((m) => m.endedAt === null);
  const meeting: Meeting | undefined = prng.oneOf(gen, open.length > 0 ? open : [...meetings]);
  if (!meeting) return;
  const item = meeting.agenda.length > 0 ? prng.oneOf(gen, meeting.agenda) : undefined;
  const kind = only ?? prng.oneOf(gen, ['add', 'add', 'rename', 'rename', 'reorder', 'remove', 'carry', 'cancel', 'schedule', 'notes', 'notes', 'goal', 'action', 'compact'] as const);
  try {
    switch (kind) {
      case 'add': addAgendaItem(doc, meeting.id, { title: word(gen), createdBy: peer.memberId }); break;
      case 'rename': {
        if (!item) break;
        const at = prng.int32(gen, 0, item.title.length);
        editAgendaItemTitle(doc, meeting.id, item.id, (item.title.slice(0, at) + word(gen) + item.title.slice(at)).slice(0, 100));
        break;
      }
      case 'reorder': if (item) moveAgendaItem(doc, meeting.id, item.id, prng.int32(gen, 0, meeting.agenda.length - 1)); break;
      case 'remove': if (item) removeAgendaItem(doc, meeting.id, item.id); break;
      case 'carry': endMeeting(doc, meeting.id); break;
      case 'cancel': cancelMeeting(doc, meeting.id); break;
      case 'schedule': addMeeting(doc, { title: word(gen), scheduledFor: new Date(Date.UTC(2027, 0, prng.int32(gen, 1, 300))).toISOString() }); break;
      case 'notes': {
        if (!item) break;
        const notes = agendaItemNotes(doc, meeting.id, item.id);
        const text = notes.toArray().flatMap((p) => (p instanceof Y.XmlElement ? p.toArray() : [])).find((t) => t instanceof Y.XmlText) as Y.XmlText | undefined;
        doc.transact(() => (text ? text.insert(prng.int32(gen, 0, text.length), word(gen)) : appendPlainParagraphs(notes, word(gen))), 'local');
        break;
      }
      case 'goal': addGoal(doc, { title: `Goal ${word(gen)}`, createdBy: peer.memberId }); break;
      case 'action': addActionItem(doc, meeting.id, { text: word(gen), createdBy: peer.memberId }); break;
      case 'compact': void peer.device.sync.compact(); break;
    }
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) throw e;
  }
}

async function fault(gen: prng.PRNG, world: SoakWorld, peers: SoakPeer[], faults: string[], options: SessionOptions): Promise<void> {
  const peer = prng.oneOf(gen, peers);
  // A relay restart costs a process start, so it is the rarest fault.
  const kill = options.relayKills !== false && prng.int32(gen, 0, 29) === 0;
  const kind = kill ? 'kill' : prng.oneOf(gen, ['disconnect', 'offline', 'drop', 'delay', 'calm', 'restart', 'blip'] as const);
  faults.push(kind === 'drop' || kind === 'delay' || kind === 'blip' || kind === 'calm' || kind === 'kill' ? kind : `${kind} ${peer.name}`);
  switch (kind) {
    case 'disconnect': peer.disconnect(); peer.offlineFor = 1; break;
    case 'offline': peer.disconnect(); peer.offlineFor = prng.int32(gen, 3, 12); break;
    case 'drop': world.proxy.faults = { drop: 0.2, delayMs: 0 }; break;
    case 'delay': world.proxy.faults = { drop: 0, delayMs: 10 }; break;
    case 'calm': world.proxy.faults = { drop: 0, delayMs: 0 }; break;
    case 'restart': peer.restart(); break;
    case 'blip': world.proxy.dropConnections(); break;
    case 'kill': await world.killRelay(); break;
  }
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}

/** What a member sees: the workspace as the app reads it, plus goals. */
function snapshotOf(doc: Y.Doc): unknown {
  return { workspace: readWorkspace(doc), goals: listGoals(doc) };
}

function describeDivergence(peers: SoakPeer[], reference: Y.Doc): string {
  const want = Y.encodeStateVector(reference);
  const lines = peers.map((p) => `${p.name}: synced=${p.device.provider.synced} connected=${p.device.provider.wsconnected} same=${sameState(p.content, reference)} blobs=${p.device.carrier.getArray('tandem.sealed').length} failures=${p.failures.map((f) => f.message).join('; ')}`);
  return `members did not converge on the merge of every edit (reference state vector ${Buffer.from(want).toString('hex')}):\n${lines.join('\n')}`;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await pause(10);
  }
}
