// Preloaded into a relay under benchmark (node --expose-gc --import this-file):
// on the message "measure" from its parent it collects garbage and answers with
// its memory, so every target is measured the same way from inside its process.
if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message !== 'measure') return;
    for (let i = 0; i < 3; i++) globalThis.gc?.();
    const { heapUsed, external, rss } = process.memoryUsage();
    process.send({ heapUsed, external, rss });
  });
  // The IPC channel must not keep a relay alive that was told to stop.
  process.channel?.unref();
}
