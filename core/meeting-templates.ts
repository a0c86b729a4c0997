import { z, trimmedString, wholeNumber } from './zod.ts';
import { builtInTopic } from './topics.ts';

/** The agendas Tandem offers when scheduling a meeting, each drawn from the peer mentorship guide. */
export const MeetingTemplateIdSchema = z.enum(['first-meeting', 'exam-preparation', 'clinical-placement', 'end-of-program'], {
  error: 'Pick one of the templates offered, or none.',
});
export type MeetingTemplateId = z.infer<typeof MeetingTemplateIdSchema>;

export const TemplateItemSchema = z.object({
  title: trimmedString(z.minLength(1), z.maxLength(200)),
  topicId: z.nullable(z.string()),
  timeBoxMinutes: z.nullable(wholeNumber(z.positive())),
});
export type TemplateItem = z.infer<typeof TemplateItemSchema>;

export const MeetingTemplateSchema = z.object({
  id: MeetingTemplateIdSchema,
  /** The meeting's suggested title. */
  title: trimmedString(z.minLength(1), z.maxLength(120)),
  /** One line telling a member when to pick this template. */
  description: trimmedString(z.minLength(1)),
  items: z.array(TemplateItemSchema).check(z.minLength(1)),
});
export type MeetingTemplate = z.infer<typeof MeetingTemplateSchema>;

const item = (title: string, topicId: string | null, timeBoxMinutes: number): TemplateItem => ({ title, topicId, timeBoxMinutes });

/** Every template, in the order a mentorship meets them. */
export const MEETING_TEMPLATES: readonly MeetingTemplate[] = [
  {
    id: 'first-meeting',
    title: 'First meeting',
    description: 'Get to know each other and agree how the mentorship will work.',
    items: [
      item('Icebreakers: a little about yourselves beyond training', 'social.icebreakers', 10),
      item('Share your paths so far, interests and what brought you here', 'social.free-time', 10),
      item('Expectations: what each of you hopes for, roles and responsibilities', null, 10),
      item('Boundaries: availability, response times, away message with a return date', null, 10),
      item('Confidentiality: what stays between you, and when it would not', null, 5),
      item('How often to meet and what to talk about next time', null, 5),
    ],
  },
  {
    id: 'exam-preparation',
    title: 'Exam preparation',
    description: 'Plan for a major exam: strategies, schedule and stress.',
    items: [
      item('Where you are: learning progress so far', 'academics.learning-progress', 5),
      item('Study strategies that worked, and ones that did not', 'academics.learning-strategies', 10),
      item('The exam: format, resources and practice questions', 'academics.exams', 10),
      item('A study schedule that leaves room to rest', 'academics.time-management', 10),
      item('Exam stress and fear of failure', 'psychosocial.exam-stress', 10),
      item('Health and wellbeing during the study block', 'social.wellbeing', 5),
    ],
  },
  {
    id: 'clinical-placement',
    title: 'Starting a clinical placement',
    description: 'Prepare for the move into a clinical setting.',
    items: [
      item('What the first days look like: orientation and expectations', 'career.new-phases', 10),
      item('Practical skills worth reviewing before you start', 'organization.practical-courses', 10),
      item('Schedules, shifts and the rest of the semester', 'organization.schedule', 5),
      item('Working with preceptors, faculty and the team', 'psychosocial.faculty', 10),
      item('Staying connected when placement feels lonely', 'psychosocial.loneliness', 5),
      item('Housing and getting there', 'social.housing', 5),
    ],
  },
  {
    id: 'end-of-program',
    title: 'End of program',
    description: 'Reflect, evaluate the program and plan what comes next.',
    items: [
      item('Reflection: what has changed since the first meeting', 'academics.learning-progress', 10),
      item('Goals reached, and the ones still open', null, 10),
      item('Program evaluation: complete the post-program survey on confidence, belonging and growth', null, 10),
      item('Feedback for each other and for the program', null, 5),
      item('Next steps: networks, resources and staying in touch', 'career.networking', 10),
    ],
  },
];

/** A template by id, or an error that lists the ones that exist. */
export function meetingTemplate(id: MeetingTemplateId): MeetingTemplate {
  const template = MEETING_TEMPLATES.find((t) => t.id === MeetingTemplateIdSchema.parse(id));
  if (!template) throw new Error(`There is no meeting template "${id}". Options: ${MEETING_TEMPLATES.map((t) => t.id).join(', ')}.`);
  return template;
}

/** The template's topics that the library knows, so a renamed library never leaves a dangling id. */
export function templateTopicId(item: TemplateItem): string | null {
  return item.topicId !== null && builtInTopic(item.topicId) ? item.topicId : null;
}
