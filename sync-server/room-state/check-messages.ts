/** A large update to check against a room's state vector (encoded). */
export interface CheckRequest {
  id: number;
  stateVector: Uint8Array;
  update: Uint8Array;
}

/** The check worker's verdict; `advances` as [client, clock] pairs. */
export type CheckReply =
  | { id: number; ok: true; advances: [number, number][]; empty: boolean }
  | { id: number; ok: false; reason: string; malformed?: boolean };
