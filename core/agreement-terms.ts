import { z } from './zod.ts';

/**
 * The agreement's practical terms, each an enumeration with the words the
 * extension shows for it: how often the mentorship meets, how members reach each
 * other, and how soon they reply.
 */
export const CadenceSchema = z.enum(['weekly', 'every-two-weeks', 'monthly', 'as-needed'], 'Choose weekly, every two weeks, monthly or as needed.');
export type Cadence = z.infer<typeof CadenceSchema>;
export const CADENCE_LABELS: Record<Cadence, string> = {
  'weekly': 'Weekly', 'every-two-weeks': 'Every two weeks', 'monthly': 'Monthly', 'as-needed': 'As needed',
};

export const ChannelSchema = z.enum(['in-person', 'video', 'phone', 'messages', 'email'], 'Choose in person, video, phone, messages or email.');
export type Channel = z.infer<typeof ChannelSchema>;
export const CHANNEL_LABELS: Record<Channel, string> = {
  'in-person': 'In person', 'video': 'Video', 'phone': 'Phone', 'messages': 'Messages', 'email': 'Email',
};

export const ResponseTimeSchema = z.enum(['within-24h', 'within-48h', 'within-a-week'], 'Choose within 24 hours, 48 hours or a week.');
export type ResponseTime = z.infer<typeof ResponseTimeSchema>;
export const RESPONSE_TIME_LABELS: Record<ResponseTime, string> = {
  'within-24h': 'Within 24 hours', 'within-48h': 'Within 48 hours', 'within-a-week': 'Within a week',
};
