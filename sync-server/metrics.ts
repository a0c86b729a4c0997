import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Why the relay refused a connection or closed one for a limit; the `reason` label of refusals. */
export type RefusalReason =
  | 'bad-request'
  | 'unauthorized'
  | 'retired'
  | 'shutting-down'
  | 'connections-per-address'
  | 'new-rooms-per-address'
  | 'room-over-quota'
  | 'rate-limit'
  | 'presence-limit'
  | 'refused-update'
  | 'slow-reader';

/**
 * The relay's Prometheus metrics, in a registry of its own (served at
 * `GET /metrics`), with Node's process metrics beside them.
 */
export class RelayMetrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({ name: 'tandem_relay_connections', help: 'Open WebSocket connections.', registers: [this.registry] });
  readonly roomsLoaded = new Gauge({ name: 'tandem_relay_rooms_loaded', help: 'Rooms held in memory.', registers: [this.registry] });
  readonly updates = new Counter({
    name: 'tandem_relay_updates_total',
    help: 'Updates stored and relayed (rate() of it is updates per second).',
    registers: [this.registry],
  });
  readonly commitSeconds = new Histogram({
    name: 'tandem_relay_commit_seconds',
    help: 'Time from handing an update to storage until it is durable.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly storedBytes = new Counter({
    name: 'tandem_relay_stored_bytes_total',
    help: 'Bytes of updates appended to storage.',
    registers: [this.registry],
  });
  private readonly collectors: (() => void)[] = [];
  readonly loadedRoomBytes = new Gauge({
    name: 'tandem_relay_loaded_room_bytes',
    help: 'Bytes stored for the rooms held in memory.',
    registers: [this.registry],
    collect: () => {
      for (const collect of this.collectors) collect();
    },
  });
  readonly refused = new Counter({
    name: 'tandem_relay_refused_total',
    help: 'Connections refused or closed by the relay, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  /** Runs `collect` each time the metrics are read, to set gauges that are cheaper to compute on demand. */
  onCollect(collect: () => void): void {
    this.collectors.push(collect);
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'tandem_relay_' });
  }
}
