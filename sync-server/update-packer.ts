/**
 * Gathers updates into one growing buffer, copying each as it comes, so that a
 * batch can move to a worker thread in a single transfer. Copying at once also
 * matters for memory: an update is a view into a socket's read buffer, and
 * keeping the view would keep that whole buffer alive.
 */
export class UpdatePacker {
  private buffer = new ArrayBuffer(0);
  private bytes = new Uint8Array(this.buffer);
  private lengths: number[] = [];
  private used = 0;

  /** Bytes gathered so far. */
  get byteLength(): number {
    return this.used;
  }

  /** Updates gathered so far. */
  get count(): number {
    return this.lengths.length;
  }

  add(update: Uint8Array): void {
    if (this.used + update.byteLength > this.bytes.byteLength) {
      const grown = new Uint8Array(Math.max(64 * 1024, 2 * (this.used + update.byteLength)));
      grown.set(this.bytes.subarray(0, this.used));
      this.buffer = grown.buffer;
      this.bytes = grown;
    }
    this.bytes.set(update, this.used);
    this.used += update.byteLength;
    this.lengths.push(update.byteLength);
  }

  /** The gathered updates, as views into one buffer to transfer; the packer starts empty again. */
  take(): { updates: Uint8Array[]; transfer: ArrayBuffer[] } {
    const updates: Uint8Array[] = [];
    let offset = 0;
    for (const length of this.lengths) {
      updates.push(new Uint8Array(this.buffer, offset, length));
      offset += length;
    }
    const transfer = this.lengths.length > 0 ? [this.buffer] : [];
    this.buffer = new ArrayBuffer(0);
    this.bytes = new Uint8Array(this.buffer);
    this.lengths = [];
    this.used = 0;
    return { updates, transfer };
  }
}
