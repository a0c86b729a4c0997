import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini ships without messages: every refusal would read "Invalid input". Some
// schemas rely on zod's own English sentences (a name over its length, say), and
// those reach people through ValidationError, so English is loaded once, here.
z.config(en());

/**
 * zod's tree-shakable API, configured for core: every core schema is built from it.
 * Checks are functions (`z.string().check(z.trim(), z.maxLength(80))`), so a page
 * loads only the parts its schemas use.
 */
export { z };

/** A string that must not be empty: ids, and references to other records. */
export const nonEmptyString = (message?: string) => z.string().check(z.minLength(1, message));

/** Text a person typed: trimmed before `checks` run, so spaces alone count as empty. */
export const trimmedString = (...checks: z.core.$ZodCheck<string>[]) => z.string().check(z.trim(), ...checks);

/** A whole number within `checks`' bounds: times in ms, counts, minutes. */
export const wholeNumber = (...checks: z.core.$ZodCheck<number>[]) => z.number().check(z.int(), ...checks);
