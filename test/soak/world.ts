import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { startFrameProxy, type FrameProxy } from './frame-proxy.ts';

/**
 * What sessions share, kept across seeds so that a seed costs no process start:
 * one relay process (restarted on the same data after a kill) behind one frame proxy.
 */
export interface SoakWorld {
  proxy: FrameProxy;
  relay: RelayProcess;
  /** The session's source of fault randomness for the proxy; each session sets its own. */
  random: () => number;
  /** SIGKILLs the relay and starts it again on the same data, behind the same proxy address. */
  killRelay(): Promise<void>;
  /** Starts the relay again when it is not running (a failed seed may have left it so). */
  ensureRunning(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a relay (compacting often, so compaction runs during sessions) and a
 * proxy in front of it. A second relay process waits on the same data directory,
 * serving nobody until a kill: it then takes over at once, reading the rooms from
 * what the killed one left on disk, and a new standby starts in the background.
 */
export async function openSoakWorld(): Promise<SoakWorld> {
  const env = { COMPACT_AFTER_UPDATES: '20' };
  const relay = await startRelay({ env });
  const spare = () => {
    const started = startRelay({ dataDir: relay.dataDir, env });
    // A standby too slow to start on a busy machine must not crash the worker as an unhandled rejection.
    started.catch(() => undefined);
    return started;
  };
  let standby = spare();
  let exited = false;
  const watch = (process: RelayProcess) => void process.exit.then(() => {
    if (world.relay === process) exited = true;
  });
  const takeOver = async () => {
    // A standby that failed to start is started again now, when it is needed, rather than failing the seed.
    world.relay = await standby.catch(() => startRelay({ dataDir: relay.dataDir, env }));
    standby = spare();
    watch(world.relay);
    exited = false;
    world.proxy.target = world.relay.url;
  };
  const world: SoakWorld = {
    relay,
    proxy: undefined as unknown as FrameProxy,
    random: Math.random,
    async killRelay() {
      await world.relay.kill();
      world.proxy.dropConnections();
      await takeOver();
    },
    async ensureRunning() {
      if (exited) await takeOver();
    },
    async close() {
      await world.proxy.close();
      await Promise.all([world.relay.stop(), standby.then((s) => s.stop(), () => undefined)]);
    },
  };
  watch(relay);
  world.proxy = await startFrameProxy(relay.url, () => world.random());
  return world;
}
