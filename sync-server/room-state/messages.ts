/** Requests from the relay's socket thread to the room-state worker. */
export type StateRequest =
  /** Builds a room's doc from its stored log; answered with its state vector. */
  | { op: 'load'; id: number; room: string; updates: Uint8Array[] }
  /** Applies updates that are durable (and were checked), in order; batched because each message costs. */
  | { op: 'apply'; rooms: string[]; updates: Uint8Array[] }
  /** Answered with a sync step 2 message for a client at `stateVector`. */
  | { op: 'diff'; id: number; room: string; stateVector: Uint8Array }
  | { op: 'unload'; room: string };

/** Answers, matched to their request by `id`. */
export type StateReply =
  | { id: number; ok: true; stateVector?: Uint8Array; message?: Uint8Array; droppedPending?: boolean }
  | { id: number; ok: false; error: string };
