// The floor of the relay benchmark: a relay that does the least any relay must.
// It answers a client's sync step 1 with an empty sync step 2 and forwards every
// other sync message to the room's other sockets as it came, with no Yjs, no
// storage, no checks and no presence. Whatever latency it shows in the harness is
// the harness's, the loopback's and the `ws` package's, not a relay's work: no
// relay built on `ws` (the stock one and Tandem's are) can be expected to beat it
// there. A benchmark fixture only; never run it for people.
import { WebSocketServer } from 'ws';

/** sync message (0), step 2 (1), an empty update (no structs, no deletions). */
const EMPTY_SYNC_STEP_2 = Uint8Array.of(0, 1, 2, 0, 0);
/** sync message (0), step 1 (0), an empty state vector. */
const EMPTY_SYNC_STEP_1 = Uint8Array.of(0, 0, 1, 0);

const rooms = new Map();
const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
server.on('listening', () => console.log(`floor relay listening on ${server.address().port}`));
server.on('connection', (socket, request) => {
  const room = request.url ?? '/';
  let peers = rooms.get(room);
  if (!peers) rooms.set(room, (peers = new Set()));
  peers.add(socket);
  socket.send(EMPTY_SYNC_STEP_1);
  socket.on('message', (data) => {
    if (data[0] !== 0) return;
    // Sync step 1 (asking for the room's state): the floor keeps none.
    if (data[1] === 0) return socket.send(EMPTY_SYNC_STEP_2);
    for (const peer of peers) if (peer !== socket && peer.readyState === peer.OPEN) peer.send(data);
  });
  socket.on('close', () => {
    peers.delete(socket);
    if (peers.size === 0) rooms.delete(room);
  });
});
