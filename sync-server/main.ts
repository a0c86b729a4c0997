import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { ConfigError, readConfig, type RelayConfig } from './config.ts';
import { createRelayServer } from './http.ts';
import { log } from './log.ts';
import { Relay } from './relay.ts';
import { openBackend } from './backend.ts';

const FORCED_EXIT_MS = 10_000;

async function main(config: RelayConfig): Promise<void> {
  const { storage, fanout, description } = await openBackend(config);
  const relay = new Relay(storage, { ...config, fanout });
  const server = createRelayServer(relay, storage);
  server.listen(config.port, config.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  log('listening', { host: config.host, port, storage: description });
  // For the person who started it; stdout stays one JSON event per line.
  process.stderr.write(`Tandem relay listening at ws://${config.host}:${port} (${description})\n`);

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log('shutdown', { signal });
    setTimeout(() => {
      log('shutdown-forced', { afterMs: FORCED_EXIT_MS });
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    try {
      server.close();
      await relay.close();
      await fanout.close();
      await storage.close();
      log('stopped', {});
      process.exit(0);
    } catch (error) {
      log('shutdown-failed', { message: String(error) });
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

try {
  await main(readConfig());
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
}
