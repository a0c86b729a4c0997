/** Remembers, per room, that a first handshake is under way, until its socket closes. */
export class FirstAdmissions {
  private readonly rooms = new Map<string, number>();

  /** Says whether this is the only handshake under way to `room`, and counts it. */
  begin(room: string): boolean {
    const count = this.rooms.get(room) ?? 0;
    this.rooms.set(room, count + 1);
    return count === 0;
  }

  /** Counts one handshake to `room` as over. */
  end(room: string): void {
    const count = (this.rooms.get(room) ?? 1) - 1;
    if (count > 0) this.rooms.set(room, count);
    else this.rooms.delete(room);
  }
}
