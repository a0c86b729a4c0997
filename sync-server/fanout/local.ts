import type { RoomFanout } from './types.ts';

/** The bus of a relay that runs alone: there is nobody to tell. */
export function localFanout(): RoomFanout {
  return {
    async publish() {},
    async subscribe() {
      return async () => {};
    },
    async close() {},
  };
}
