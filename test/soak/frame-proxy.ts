import { createServer, type Server } from 'node:http';
import WebSocket, { WebSocketServer, type RawData } from 'ws';

/** How the proxy treats frames right now; changed by the session as it goes. */
export interface FrameFaults {
  /** Probability of dropping each frame, in either direction. */
  drop: number;
  /** Each frame waits up to this many milliseconds (order is kept). */
  delayMs: number;
}

/**
 * A WebSocket proxy between clients and the relay that can drop or delay frames.
 * Clients always connect to the proxy's fixed address, so the relay behind it
 * can be killed and started again on another port without them knowing.
 */
export interface FrameProxy {
  url: string;
  faults: FrameFaults;
  /** Where frames go: the relay's current `ws://` address. */
  target: string;
  /** Closes every connection through the proxy (as a network blip would). */
  dropConnections(): void;
  close(): Promise<void>;
}

const SAFE_CLOSE = (code: number) => (code >= 3000 && code <= 4999) || [1000, 1001, 1003, 1007, 1008, 1009, 1011, 1013].includes(code);

/** Starts a proxy on 127.0.0.1 forwarding to `target`; `random` decides drops and delays (seeded by the session). */
export async function startFrameProxy(target: string, random: () => number): Promise<FrameProxy> {
  const server: Server = createServer();
  const wss = new WebSocketServer({ server, handleProtocols: (protocols) => [...protocols][0] ?? false });
  const sockets = new Set<WebSocket>();
  const proxy: FrameProxy = {
    url: '',
    target,
    faults: { drop: 0, delayMs: 0 },
    dropConnections: () => sockets.forEach((socket) => socket.terminate()),
    close: async () => {
      proxy.dropConnections();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  wss.on('connection', (client, request) => {
    const protocols = String(request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    const upstream = new WebSocket(proxy.target + (request.url ?? '/'), protocols);
    sockets.add(client);
    sockets.add(upstream);
    const pending: RawData[] = [];
    // One chain per direction, so that delayed frames still arrive in order.
    const chains = { up: Promise.resolve(), down: Promise.resolve() };
    const forward = (direction: 'up' | 'down', data: RawData) => {
      if (random() < proxy.faults.drop) return;
      const wait = proxy.faults.delayMs > 0 ? random() * proxy.faults.delayMs : 0;
      chains[direction] = chains[direction].then(async () => {
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const to = direction === 'up' ? upstream : client;
        if (to.readyState === WebSocket.OPEN) to.send(data);
      });
    };
    client.on('message', (data) => (upstream.readyState === WebSocket.OPEN ? forward('up', data) : pending.push(data)));
    upstream.on('open', () => pending.splice(0).forEach((data) => forward('up', data)));
    upstream.on('message', (data) => forward('down', data));
    const closeBoth = (code?: number, reason?: Buffer) => {
      sockets.delete(client);
      sockets.delete(upstream);
      const safe = code !== undefined && SAFE_CLOSE(code) ? code : 1001;
      if (client.readyState === WebSocket.OPEN) client.close(safe, reason);
      else client.terminate();
      if (upstream.readyState === WebSocket.OPEN) upstream.close(safe, reason);
      else upstream.terminate();
    };
    client.on('close', (code, reason) => closeBoth(code, reason));
    upstream.on('close', (code, reason) => closeBoth(code, reason));
    client.on('error', () => closeBoth());
    upstream.on('error', () => closeBoth());
    upstream.on('unexpected-response', () => closeBoth());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  proxy.url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return proxy;
}
