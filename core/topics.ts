import { z } from 'zod';

/**
 * The topic framework of the peer mentorship guide (Section 3): five areas, each
 * with subtopics. Every subtopic carries conversation prompts written for Tandem.
 * Ids are stable (`<area>.<subtopic>`): agenda items and session logs refer to them.
 */
export const TopicAreaSchema = z.enum(['academics', 'career', 'organization', 'psychosocial', 'social']);
export type TopicArea = z.infer<typeof TopicAreaSchema>;

export const TOPIC_AREA_LABELS: Record<TopicArea, string> = {
  academics: 'Academics',
  career: 'Career exploration',
  organization: 'Organization',
  psychosocial: 'Psychosocial',
  social: 'Social and other',
};

export const TopicIdSchema = z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'A topic id looks like "academics.exams".');

export const TopicSchema = z.object({
  id: TopicIdSchema,
  area: TopicAreaSchema,
  title: z.string().trim().min(1).max(80),
  prompts: z.array(z.string().trim().min(1).max(300)),
  /** True for the guide's topics; false for those members added to their workspace. */
  builtIn: z.boolean(),
});
export type Topic = z.infer<typeof TopicSchema>;

const topic = (area: TopicArea, slug: string, title: string, prompts: string[] = []): Topic => ({
  id: `${area}.${slug}`, area, title, prompts, builtIn: true,
});

/** The built-in library, in the guide's order. */
export const TOPIC_LIBRARY: readonly Topic[] = [
  topic('academics', 'learning-progress', 'Learning progress'),
  topic('academics', 'learning-strategies', 'Learning strategies'),
  topic('academics', 'exams', 'Exams'),
  topic('academics', 'time-management', 'Time management'),
  topic('academics', 'note-taking', 'Note-taking'),
  topic('career', 'new-phases', 'Starting a new phase of training'),
  topic('career', 'problems-and-challenges', 'Problems and challenges'),
  topic('career', 'research', 'Research opportunities'),
  topic('career', 'networking', 'Networking'),
  topic('organization', 'campus', 'Finding your way around campus'),
  topic('organization', 'schedule', 'Semester schedule and course components'),
  topic('organization', 'practical-courses', 'Practical courses'),
  topic('psychosocial', 'exam-stress', 'Exam stress'),
  topic('psychosocial', 'fear-of-failure', 'Fear of failure'),
  topic('psychosocial', 'motivation', 'Motivation'),
  topic('psychosocial', 'faculty', 'Getting along with faculty and teachers'),
  topic('psychosocial', 'loneliness', 'Loneliness in training'),
  topic('social', 'wellbeing', 'Health and wellbeing'),
  topic('social', 'finances', 'Finances'),
  topic('social', 'personal-challenges', 'Personal challenges'),
  topic('social', 'icebreakers', 'Personality icebreakers'),
  topic('social', 'housing', 'Housing and accommodation'),
  topic('social', 'exploring', 'Travel and exploring the neighbourhood'),
  topic('social', 'free-time', 'Hobbies and free time'),
];

/** A built-in topic by id, or undefined. */
export function builtInTopic(id: string): Topic | undefined {
  return TOPIC_LIBRARY.find((t) => t.id === id);
}
