import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import { IntegrityError, seal, unseal } from './seal.ts';
import type { SealingKey } from './workspace-key.ts';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/** Origin of the remote states this mirror writes into the plain awareness. */
export const SEALED_AWARENESS_ORIGIN = 'sealed-awareness';

/**
 * Age past which a sealed presence state is refused: twice the awareness
 * protocol's 30-second timeout, as states are sealed again with every renewal
 * (every 15 seconds), with room for devices whose clocks differ a little.
 */
export const PRESENCE_MAX_AGE_MS = 60_000;

/** What is sealed for presence: the state, the carrier clock it was made for, and when. */
interface SealedPresence {
  state: unknown;
  clock: number;
  at: number;
}

/** Seals a presence state for `client` in `room`, as {@link mirrorAwareness} sends it. */
export async function sealPresence(key: SealingKey, room: string, client: number, presence: SealedPresence): Promise<string> {
  return toBase64(await seal(key, { room, purpose: 'awareness', client }, encodeUtf8(JSON.stringify(presence))));
}

function readPresence(bytes: Uint8Array): SealedPresence {
  const value = JSON.parse(decodeUtf8(bytes)) as Partial<SealedPresence> | null;
  if (typeof value?.clock !== 'number' || typeof value.at !== 'number' || typeof value.state !== 'object') throw new IntegrityError();
  return value as SealedPresence;
}

/**
 * Links the plain `Awareness` the app and its editors use with the carrier's
 * awareness, which the relay forwards. The local state crosses only sealed (bound
 * to this room and this client id, so the relay cannot move it to another client),
 * together with its clock and the time it was sealed; it is sealed again at every
 * renewal. Remote states are opened and written into the plain awareness under the
 * carrier's clocks, and removed from it when their carrier client goes away.
 *
 * Freshness: a state is refused when it is older than {@link PRESENCE_MAX_AGE_MS},
 * when its sealed clock is ahead of the carrier's, or when it is not newer than the
 * last one accepted from that client. So a captured state replayed later, with
 * whatever clock, shows nobody: a member who left stays gone.
 * Returns the unsubscribe.
 */
export function mirrorAwareness(
  plain: Awareness,
  carrier: Awareness,
  options: { room: string; key: SealingKey; onIntegrityError?: (error: IntegrityError) => void; now?: () => number },
): () => void {
  const now = options.now ?? Date.now;
  /** The newest sealing time accepted per client; kept after the client leaves, so a replay cannot bring it back. */
  const newest = new Map<number, number>();
  const context = (client: number) => ({ room: options.room, purpose: 'awareness' as const, client });
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  const serial = (task: () => Promise<void>) => {
    queue = queue.then(() => (stopped ? undefined : task())).catch((error: unknown) => {
      if (error instanceof IntegrityError) options.onIntegrityError?.(error);
    });
  };

  const pushLocal = () => serial(async () => {
    const state = plain.getLocalState();
    if (state === null) return carrier.setLocalState(null);
    const clock = (carrier.meta.get(carrier.clientID)?.clock ?? 0) + 1;
    const sealed = await sealPresence(options.key, options.room, carrier.clientID, { state, clock, at: now() });
    if (!stopped) carrier.setLocalState({ sealed });
  });

  const setRemote = (client: number, clock: number, state: unknown) => {
    if (client === plain.clientID) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
    applyAwarenessUpdate(plain, encoding.toUint8Array(encoder), SEALED_AWARENESS_ORIGIN);
  };

  // 'update' rather than 'change': a renewal of the local state is sealed again, with a fresh time.
  const onPlainUpdate = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    if (origin === 'local' && added.concat(updated, removed).includes(plain.clientID)) pushLocal();
  };
  // 'update' rather than 'change': a renewal must refresh the plain state too, or the
  // plain awareness would time it out while the member is still here.
  const onCarrierUpdate = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    if (origin === 'local') return;
    // The clock is read now, with the state: by the time a queued task runs, a newer
    // update may have moved it on, and the older state would then shadow the newer.
    const clockOf = (client: number) => carrier.meta.get(client)?.clock ?? 0;
    for (const client of removed) {
      const clock = clockOf(client);
      serial(async () => setRemote(client, clock, null));
    }
    for (const client of added.concat(updated)) {
      const sealed = (carrier.getStates().get(client) as { sealed?: unknown } | undefined)?.sealed;
      if (typeof sealed !== 'string') continue;
      const clock = clockOf(client);
      serial(async () => {
        let presence: SealedPresence;
        try {
          presence = readPresence(await unseal(options.key, context(client), fromBase64(sealed)));
        } catch {
          throw new IntegrityError();
        }
        // A renewal by the carrier itself repeats the sealed state unchanged: nothing new, nothing to refuse.
        if (presence.at === newest.get(client)) return;
        const fresh = presence.clock <= clock && presence.at > (newest.get(client) ?? -Infinity) && presence.at >= now() - PRESENCE_MAX_AGE_MS;
        if (!fresh) return;
        newest.set(client, presence.at);
        setRemote(client, clock, presence.state);
      });
    }
  };

  plain.on('update', onPlainUpdate);
  carrier.on('update', onCarrierUpdate);
  if (plain.getLocalState() !== null) pushLocal();
  onCarrierUpdate({ added: [...carrier.getStates().keys()].filter((c) => c !== carrier.clientID), updated: [], removed: [] }, 'remote');
  return () => {
    stopped = true;
    plain.off('update', onPlainUpdate);
    carrier.off('update', onCarrierUpdate);
  };
}
