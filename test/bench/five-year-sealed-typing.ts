import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { editAgendaItemTitle, sealedBlobs } from '../../core/index.ts';
import { fiveYearWorkspace } from '../helpers/five-year-workspace.ts';
import { newKeys, sealedPeer, type SealedPeer } from '../helpers/sealed-peers.ts';

/**
 * Two members of the five-year workspace, one typing an agenda title a character at a
 * time while the other receives each change: what leaves the typist's device, and the
 * sync work on each device per keystroke (sealing, folds, opening, rebuilding after a
 * fold). Now beside the previous way, in the same run: a fold every 64 blobs.
 */
const KEYSTROKES = 1024;

interface Typing {
  sentBytes: number;
  typist: number[];
  partner: number[];
  folds: number;
}

async function typeWith(foldWhenGrownBy: number | undefined): Promise<Typing> {
  const workspace = fiveYearWorkspace();
  const content = new Y.Doc();
  Y.applyUpdate(content, workspace.update);
  const keys = await newKeys();
  const peer = (opts: { content?: Y.Doc }) => sealedPeer(keys, { ...opts, foldWhenGrownBy });
  const ada = await peer({ content });
  const ben = await peer({});
  /** Hands `to` what `from`'s carrier has beyond its own, as the relay would; returns the bytes and `to`'s work, ms. */
  const deliver = async (from: SealedPeer, to: SealedPeer) => {
    const update = Y.encodeStateAsUpdate(from.carrier, Y.encodeStateVector(to.carrier));
    const start = performance.now();
    Y.applyUpdate(to.carrier, update, 'relay');
    await to.sync.whenIdle();
    return { bytes: update.byteLength, ms: performance.now() - start };
  };
  await deliver(ada, ben);
  const result: Typing = { sentBytes: 0, typist: [], partner: [], folds: 0 };
  // A fold is a device's own carrier transaction that drops blobs.
  for (const { carrier } of [ada, ben]) {
    sealedBlobs(carrier).observe((event) => {
      if (event.transaction.origin !== 'relay' && event.changes.deleted.size > 0) result.folds++;
    });
  }
  for (let i = 0; i < KEYSTROKES; i++) {
    const start = performance.now();
    editAgendaItemTitle(ada.content, workspace.meetingId, workspace.itemId, `Exam plan ${'x'.repeat((i % 60) + 1)}`);
    await ada.sync.whenIdle();
    result.typist.push(performance.now() - start);
    const received = await deliver(ada, ben);
    result.sentBytes += received.bytes;
    result.partner.push(received.ms);
    // Ben's own folds and heads go back to Ada, as through the relay.
    await deliver(ben, ada);
  }
  ada.sync.destroy();
  ben.sync.destroy();
  return result;
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const at = (values: number[], p: number) => sorted(values)[Math.min(values.length - 1, Math.floor(p * values.length))]!;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function row(path: string, typing: Typing) {
  return {
    path,
    'sent, KB': +(typing.sentBytes / 1024).toFixed(0),
    folds: typing.folds,
    'typist total ms': +sum(typing.typist).toFixed(0),
    'typist max ms': +Math.max(...typing.typist).toFixed(1),
    'partner total ms': +sum(typing.partner).toFixed(0),
    'partner p99 ms': +at(typing.partner, 0.99).toFixed(1),
    'partner max ms': +Math.max(...typing.partner).toFixed(1),
  };
}

/** Prints the table; Node, in memory (no relay process: what is measured is each device's own work). */
export async function benchFiveYearSealedTyping(): Promise<void> {
  const reference = await typeWith(0);
  const now = await typeWith(undefined);
  console.log(`\nFive-year workspace, ${KEYSTROKES} characters typed into an agenda title by one member and received by the other, each as it is typed (Node):`);
  console.log('sent = what leaves the typist\'s device for the relay; total and max = sync work on each device (sealing and folding; opening and rebuilding)');
  console.table([row('folds when the changes reach a share of the snapshot (now)', now), row('folds every 64 blobs (reference)', reference)]);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchFiveYearSealedTyping();
