import WebSocket from 'ws';

/**
 * A `ws` WebSocket class that records every frame it sends or receives into
 * `frames`, for tests that prove something never crosses the wire.
 */
export function recordingSocket(): { frames: Buffer[]; Socket: new (url: string, protocols?: string | string[]) => WebSocket } {
  const frames: Buffer[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data) => frames.push(Buffer.from(data as Buffer)));
    }

    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      frames.push(Buffer.from(data as Uint8Array));
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  return { frames, Socket: RecordingWebSocket };
}
