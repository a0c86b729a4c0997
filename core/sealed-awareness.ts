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
 * Links the plain `Awareness` the app and its editors use with the carrier's
 * awareness, which the relay forwards. The local state crosses only sealed (bound
 * to this room and this client id, so the relay cannot move it to another client);
 * remote states are opened and written into the plain awareness under the carrier's
 * clocks, and removed from it when their carrier client goes away.
 * Returns the unsubscribe.
 */
export function mirrorAwareness(
  plain: Awareness,
  carrier: Awareness,
  options: { room: string; key: SealingKey; onIntegrityError?: (error: IntegrityError) => void },
): () => void {
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
    const sealed = await seal(options.key, context(carrier.clientID), encodeUtf8(JSON.stringify(state)));
    if (!stopped) carrier.setLocalState({ sealed: toBase64(sealed) });
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

  const onPlainChange = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
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
        let bytes: Uint8Array;
        try {
          bytes = await unseal(options.key, context(client), fromBase64(sealed));
        } catch {
          throw new IntegrityError();
        }
        setRemote(client, clock, JSON.parse(decodeUtf8(bytes)));
      });
    }
  };

  plain.on('change', onPlainChange);
  carrier.on('update', onCarrierUpdate);
  if (plain.getLocalState() !== null) pushLocal();
  onCarrierUpdate({ added: [...carrier.getStates().keys()].filter((c) => c !== carrier.clientID), updated: [], removed: [] }, 'remote');
  return () => {
    stopped = true;
    plain.off('change', onPlainChange);
    carrier.off('update', onCarrierUpdate);
  };
}
