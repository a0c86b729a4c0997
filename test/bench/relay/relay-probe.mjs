// Preloaded into every relay under benchmark (node --expose-gc --import this-file),
// so that each target is measured the same way from inside its own process.
//
// - "measure": collects garbage and answers with the process's memory, and with
//   how much of it is V8's compiled code and bytecode (which grows as the JIT
//   warms up, not with rooms).
// - "times": answers with when each benchmark blob was received from a socket
//   and when it was sent to one, as [seq, at, seq, at, ...] in milliseconds since
//   the epoch (comparable across the processes of one machine), and forgets them.
//   The hooks sit on the `ws` package the relay's entry module resolves, which is
//   where every relay here reads and writes its WebSocket frames.
import { createRequire } from 'node:module';
import { getHeapCodeStatistics } from 'node:v8';

/** Must match the marker in load.ts. */
const MAGIC = Buffer.from('tandem-bench-blob');
let received = [];
let sent = [];

function blobSeq(data) {
  // Each relay picks its own binaryType: Buffers, views or whole ArrayBuffers arrive here.
  const bytes = Buffer.isBuffer(data)
    ? data
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : data instanceof ArrayBuffer
        ? Buffer.from(data)
        : null;
  if (bytes === null) return -1;
  const at = bytes.indexOf(MAGIC);
  return at < 0 ? -1 : bytes.readUInt32LE(at + MAGIC.length);
}

const now = () => performance.timeOrigin + performance.now();

function watch(WebSocket) {
  const { emit, send } = WebSocket.prototype;
  WebSocket.prototype.emit = function (event, data, ...rest) {
    if (event === 'message') {
      const at = now();
      const seq = blobSeq(data);
      if (seq >= 0) received.push(seq, at);
    }
    return emit.call(this, event, data, ...rest);
  };
  WebSocket.prototype.send = function (data, ...rest) {
    const seq = blobSeq(data);
    if (seq >= 0) sent.push(seq, now());
    return send.call(this, data, ...rest);
  };
}

if (typeof process.send === 'function') {
  try {
    watch(createRequire(process.argv[1])('ws'));
  } catch {
    // A relay without `ws` reports no times; its latency is still measured by the harness.
  }
  process.on('message', (message) => {
    if (message === 'measure') {
      for (let i = 0; i < 3; i++) globalThis.gc?.();
      const { heapUsed, external, rss } = process.memoryUsage();
      const { code_and_metadata_size, bytecode_and_metadata_size } = getHeapCodeStatistics();
      process.send({ heapUsed, external, rss, code: code_and_metadata_size + bytecode_and_metadata_size });
    } else if (message === 'times') {
      process.send({ received, sent });
      received = [];
      sent = [];
    }
  });
  // The IPC channel must not keep a relay alive that was told to stop.
  process.channel?.unref();
}
