import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

/** One accessibility rule broken on a page, as axe-core reports it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

/**
 * Runs axe-core on the page as it is now (or only inside `include`, CSS selectors)
 * and returns its violations of the given impacts. The script is evaluated through
 * the DevTools protocol, which the extension's content security policy does not apply to.
 */
export async function axeViolations(page: Page, impacts: readonly Impact[], include?: readonly string[]): Promise<AxeViolation[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  return page.evaluate(async ({ impacts, include }) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const context = include ? { include: include.map((selector) => [selector]) } : document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact !== null && impacts.includes(v.impact as Impact))
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, { impacts, include });
}

/** The page's serious and critical axe-core violations. */
export function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  return axeViolations(page, ['serious', 'critical']);
}

/** Moderate, serious and critical violations inside `include` (the header, the agenda). */
export function moderateAxeViolations(page: Page, include: readonly string[]): Promise<AxeViolation[]> {
  return axeViolations(page, ['moderate', 'serious', 'critical'], include);
}
