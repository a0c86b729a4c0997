import { z } from '../zod.ts';

/** What Tandem can remind a person of. */
export const ReminderKindSchema = z.enum(['meeting', 'action-item', 'survey', 'away-ending', 'cadence-nudge']);
export type ReminderKind = z.infer<typeof ReminderKindSchema>;

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  'meeting': 'Upcoming meetings',
  'action-item': 'Action items due',
  'survey': 'Program surveys that open or close soon',
  'away-ending': 'A mentor\'s away period ending',
  'cadence-nudge': 'A nudge when we have not met as often as we agreed',
};

const TimeOfDaySchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give a time like 22:00.'));

export const ReminderSettingsSchema = z.object({
  enabled: z.record(ReminderKindSchema, z.boolean()),
  /** How long before a meeting its reminder comes. */
  meetingLeadMinutes: z.number().check(
    z.int('Give the lead time in whole minutes.'),
    z.minimum(5, 'Remind at least 5 minutes before.'),
    z.maximum(2880, 'Remind at most two days before.'),
  ),
  /** No reminder shows between `start` and `end` (local time); one due then waits for `end`. */
  quietHours: z.nullable(z.object({ start: TimeOfDaySchema, end: TimeOfDaySchema })),
});
/** A person's reminder choices, kept on their device. */
export type ReminderSettings = z.infer<typeof ReminderSettingsSchema>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: { 'meeting': true, 'action-item': true, 'survey': true, 'away-ending': true, 'cadence-nudge': true },
  meetingLeadMinutes: 30,
  quietHours: { start: '22:00', end: '07:00' },
};

/** Reads stored settings, falling back to the defaults field by field for anything missing or invalid. */
export function readReminderSettings(raw: unknown): ReminderSettings {
  const parsed = z.partial(ReminderSettingsSchema).safeParse(raw);
  const value = parsed.success ? parsed.data : {};
  return {
    enabled: { ...DEFAULT_REMINDER_SETTINGS.enabled, ...value.enabled },
    meetingLeadMinutes: value.meetingLeadMinutes ?? DEFAULT_REMINDER_SETTINGS.meetingLeadMinutes,
    quietHours: value.quietHours === undefined ? DEFAULT_REMINDER_SETTINGS.quietHours : value.quietHours,
  };
}
