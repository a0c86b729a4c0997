/** Fields of a log line; values must be JSON-serialisable. Never put a token here. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * Writes one JSON line to stdout: `{"event":...,...fields,"time":...}`. One line
 * per event keeps the log greppable and lets tests wait for specific events.
 */
export function log(event: string, fields: LogFields = {}): void {
  process.stdout.write(`${JSON.stringify({ event, ...fields, time: new Date().toISOString() })}\n`);
}
