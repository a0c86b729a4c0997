import { connect, createServer, type Socket } from 'node:net';

/** A loopback TCP proxy in front of several relay processes. */
export interface TcpProxy {
  port: number;
  /** `ws://127.0.0.1:<port>`, for providers. */
  url: string;
  /** Which backend port each connection accepted so far went to, in order. */
  readonly routed: number[];
  /** Closes the listener and every proxied connection. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 and pipes each connection to one of `backends` (ports on
 * 127.0.0.1), taking them in turn so clients spread over every process. A backend
 * that refuses the connection (a killed process) is skipped for the next one, so
 * clients that reconnect fail over; connections to a backend that dies are closed,
 * as a load balancer would.
 */
export async function startTcpProxy(backends: number[]): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const routed: number[] = [];
  let next = 0;

  const dial = (first: number, attempt = 0): Promise<{ upstream: Socket; port: number }> => {
    const port = backends[(first + attempt) % backends.length]!;
    return new Promise((resolve, reject) => {
      const upstream = connect(port, '127.0.0.1');
      upstream.once('connect', () => resolve({ upstream, port }));
      upstream.once('error', (error) => {
        upstream.destroy();
        if (attempt + 1 < backends.length) resolve(dial(first, attempt + 1));
        else reject(error);
      });
    });
  };

  const server = createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.pause();
    client.on('error', () => client.destroy());
    dial(next++ % backends.length).then(
      ({ upstream, port }) => {
        routed.push(port);
        sockets.add(upstream);
        upstream.once('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => upstream.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      },
      () => client.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The proxy has no port.');
  return {
    port: address.port,
    url: `ws://127.0.0.1:${address.port}`,
    routed,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
