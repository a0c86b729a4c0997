import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * `npm start`: builds the extension and the relay, starts the relay, and, once it
 * listens, ends the start-up output with the two things a person needs: where
 * to load the extension from and the relay's address. The relay's own log lines
 * (one JSON event each) follow as they happen.
 */
const EXTENSION_DIR = resolve('.output/chrome-mv3');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const build = spawnSync(npm, ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// The relay runs as compiled JavaScript, as in production.
const relayBuild = spawnSync(npm, ['run', '--silent', 'build:relay'], { stdio: 'inherit' });
if (relayBuild.status !== 0) process.exit(relayBuild.status ?? 1);
const relay: ChildProcess = spawn(process.execPath, ['dist/relay/main.js'], { stdio: ['inherit', 'pipe', 'pipe'] });
let listening = false;
const held: string[] = [];

/** Lines before the relay listens are held back (and shown only if it fails to start); later ones pass through. */
function relayLine(line: string, out: NodeJS.WriteStream) {
  if (listening) return void out.write(`${line}\n`);
  let event: { event?: string; host?: string; port?: number } = {};
  try {
    event = JSON.parse(line) as typeof event;
  } catch {
    held.push(line);
    return;
  }
  if (event.event !== 'listening') return void held.push(line);
  listening = true;
  process.stdout.write(`\nLoad the extension: chrome://extensions > Developer mode > Load unpacked > ${EXTENSION_DIR}\n`);
  process.stdout.write(`Relay: ws://${event.host}:${event.port} (Ctrl-C stops it)\n`);
}
createInterface({ input: relay.stdout! }).on('line', (line) => relayLine(line, process.stdout));
createInterface({ input: relay.stderr! }).on('line', (line) => {
  // The relay's own "listening at" line says what the line above already does.
  if (!/^Tandem relay listening at /.test(line)) relayLine(line, process.stderr);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => relay.kill(signal));
relay.on('exit', (code, signal) => {
  if (!listening) held.forEach((line) => process.stderr.write(`${line}\n`));
  process.exit(code ?? (signal ? 0 : 1));
});
