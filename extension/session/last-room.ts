const LAST_ROOM_KEY = 'tandem-last-room';

/**
 * The room this browser's pages opened last, kept in the page's synchronous storage so
 * that its local copy starts loading before the registry has answered.
 */
export const lastRoom = {
  get: (): string | null => globalThis.localStorage?.getItem(LAST_ROOM_KEY) ?? null,
  set: (room: string) => globalThis.localStorage?.setItem(LAST_ROOM_KEY, room),
};
