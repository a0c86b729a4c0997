import { startPostgres } from '../../helpers/postgres-server.ts';
import { startRedis } from '../../helpers/redis-server.ts';
import { allRelayTimes, BENCH_LIMITS, commitTotals, spawnRelay, tandemPort, tokensByRoom, type BenchTarget } from './targets.ts';

/**
 * Two of Tandem's relay processes (compiled JavaScript) on one Postgres and one
 * Redis, all started here on free loopback ports. The harness spreads clients over
 * both, so the two clients of a room sit on different processes and every update
 * crosses Redis. Postgres keeps fsync on, as SQLite does, so that durability costs
 * the same in both.
 */
export const tandemCluster: BenchTarget = {
  name: 'Tandem relay x2 (Postgres + Redis)',
  async start() {
    const [postgres, redis] = await Promise.all([startPostgres({ fsync: true }), startRedis()]);
    const env = { PORT: '0', DATABASE_URL: await postgres.createDatabase('bench'), REDIS_URL: redis.url, ...BENCH_LIMITS };
    const relays = await Promise.all([spawnRelay('dist/relay/main.js', env, tandemPort), spawnRelay('dist/relay/main.js', env, tandemPort)]);
    return {
      urls: relays.map((relay) => relay.url),
      pids: relays.map((relay) => relay.pid),
      protocols: tokensByRoom(),
      memory: async () => (await Promise.all(relays.map((relay) => relay.memory()))).reduce((sum, bytes) => sum + bytes, 0),
      relayTimes: () => allRelayTimes(relays),
      commits: () => commitTotals(relays.map((relay) => relay.url)),
      async stop() {
        await Promise.all(relays.map((relay) => relay.stop()));
        await Promise.all([postgres.stop(), redis.stop()]);
      },
    };
  },
};
