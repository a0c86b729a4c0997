/** Reminders: what to remind a person of and when, decided here; the extension only schedules it. */
export * from './settings.ts';
export * from './plan.ts';
export * from './facts.ts';
