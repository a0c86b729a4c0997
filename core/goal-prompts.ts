/**
 * The guide asks mentors to "help identify areas for growth and set realistic
 * goals". Creating a goal walks through the SMART questions one short step at a
 * time; each step names the goal fields it fills. Every hint can be skipped: only
 * a title is required.
 */
export interface SmartStep {
  /** The SMART letters this step is about. */
  letters: string;
  /** A short heading, e.g. "Specific". */
  heading: string;
  /** One or two sentences that help answer it. */
  hint: string;
  fields: readonly ('title' | 'successCriteria' | 'why' | 'topic' | 'targetDate' | 'ownerId')[];
}

export const SMART_GOAL_STEPS: readonly SmartStep[] = [
  {
    letters: 'S',
    heading: 'Specific',
    hint: 'Name one thing you will do, in plain words: "Finish the cardiology question bank" rather than "study more".',
    fields: ['title'],
  },
  {
    letters: 'M A',
    heading: 'Measurable and achievable',
    hint: 'How will you both know it is done? A number, a result, something you can show. Could you reach it alongside placements and exams? If not, make it smaller.',
    fields: ['successCriteria'],
  },
  {
    letters: 'R',
    heading: 'Relevant',
    hint: 'Why this, and why now? Tying it to where you are in training keeps it going when motivation dips.',
    fields: ['why', 'topic'],
  },
  {
    letters: 'T',
    heading: 'Time-bound',
    hint: 'By when? A date a few weeks out gives you something to check in against at your next meetings.',
    fields: ['targetDate', 'ownerId'],
  },
];
