/**
 * Names the steps of opening a page (`tandem:<step>` performance marks), so the
 * browser benchmark can say where the time to the first view goes. A mark costs
 * nothing a person would notice and is kept in the page's timeline only.
 */
export function markOpen(step: string): void {
  performance.mark(`tandem:${step}`);
}
