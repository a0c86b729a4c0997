/**
 * How relay processes that share one storage tell each other what happened in a
 * room, so that a client on one process sees the updates and presence of a client
 * on another live. Messages carry opaque bytes, exactly as the relay received them.
 */
export type FanoutMessage =
  /** An update that is already durable in the shared storage. */
  | { kind: 'update'; update: Uint8Array }
  /** An awareness update, as a client sent it. */
  | { kind: 'awareness'; update: Uint8Array }
  /** A process that just opened the room asks the others to publish the presence they hold. */
  | { kind: 'awareness-query' }
  /** The room was retired: every process closes its sockets in it. */
  | { kind: 'retired' };

/** A bus between relay processes, keyed by room. */
export interface RoomFanout {
  /** Sends `message` to every other process that has subscribed to `room`; never delivered back to this process. */
  publish(room: string, message: FanoutMessage): Promise<void>;
  /**
   * Starts delivering the room's messages from other processes to `onMessage`;
   * resolves once subscribed, with the function that stops it.
   */
  subscribe(room: string, onMessage: (message: FanoutMessage) => void): Promise<() => Promise<void>>;
  /** Closes the bus's connections; no other method may be called afterwards. */
  close(): Promise<void>;
}
