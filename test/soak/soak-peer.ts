import * as Y from 'yjs';
import type { WorkspaceKeys } from '../../core/index.ts';
import { connectSealedDevice, type SealedDevice } from '../helpers/sealed-device.ts';

/**
 * One member's full client stack for a session: the content doc with its stored
 * copy (every update is written to `stored`, as y-indexeddb writes each one), the
 * sealed sync, the carrier and a y-websocket provider through the frame proxy.
 */
export class SoakPeer {
  device: SealedDevice;
  /** The local copy on disk; a restart starts from it. */
  readonly stored = new Y.Doc();
  memberId = '';
  offlineFor = 0;
  private readonly past: Error[] = [];

  constructor(private readonly url: string, private readonly keys: WorkspaceKeys, readonly name: string, private readonly onUpdate: (update: Uint8Array) => void) {
    this.device = this.connect(new Y.Doc());
  }

  get content(): Y.Doc {
    return this.device.content;
  }

  /** Problems the sealed sync reported: faults alone never cause any. */
  get failures(): readonly Error[] {
    return [...this.past, ...this.device.errors, ...this.device.integrityErrors];
  }

  disconnect(): void {
    this.device.provider.disconnect();
  }

  reconnect(): void {
    void this.device.provider.connect();
  }

  /** Closes the app and starts it again from its stored copy. */
  restart(): void {
    this.past.push(...this.device.errors, ...this.device.integrityErrors);
    this.device.destroy();
    const content = new Y.Doc();
    Y.applyUpdate(content, Y.encodeStateAsUpdate(this.stored), 'storage');
    this.device = this.connect(content);
  }

  destroy(): void {
    this.device.destroy();
  }

  private connect(content: Y.Doc): SealedDevice {
    content.on('update', (update: Uint8Array) => {
      Y.applyUpdate(this.stored, update, 'storage');
      this.onUpdate(update);
    });
    return connectSealedDevice(this.url, this.keys, { content, compactAfter: 8, headEvery: 4, maxBackoffTime: 200 });
  }
}
