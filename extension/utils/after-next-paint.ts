/** Fallback for a page that paints no frames (hidden): the relay does not wait longer than this. */
const PAINT_WAIT_MS = 100;

/** Runs `fn` once the view updated now has been painted (or after {@link PAINT_WAIT_MS}), whichever comes first. */
export function afterNextPaint(fn: () => void): void {
  let done = false;
  const once = () => {
    if (!done) fn();
    done = true;
  };
  // A frame callback runs just before the paint; a task queued from it runs after.
  globalThis.requestAnimationFrame?.(() => setTimeout(once, 0));
  setTimeout(once, PAINT_WAIT_MS);
}
