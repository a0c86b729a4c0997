import { z, trimmedString } from './zod.ts';

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

export const TopicIdSchema = z.string().check(z.regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'A topic id looks like "academics.exams".'));

export const TopicTitleSchema = trimmedString(
  z.minLength(1, 'Give the topic a short title.'),
  z.maxLength(80, 'Keep a topic title under 80 characters.'),
);
export const PromptTextSchema = trimmedString(
  z.minLength(1, 'Type the question you would ask.'),
  z.maxLength(300, 'Keep a prompt under 300 characters.'),
);

export const TopicSchema = z.object({
  id: TopicIdSchema,
  area: TopicAreaSchema,
  title: TopicTitleSchema,
  prompts: z.array(PromptTextSchema),
  /** True for the guide's topics; false for those members added to their workspace. */
  builtIn: z.boolean(),
});
export type Topic = z.infer<typeof TopicSchema>;

const topic = (area: TopicArea, slug: string, title: string, prompts: string[] = []): Topic => ({
  id: `${area}.${slug}`, area, title, prompts, builtIn: true,
});

/** The built-in library, in the guide's order. */
export const TOPIC_LIBRARY: readonly Topic[] = [
  topic('academics', 'learning-progress', 'Learning progress', [
    'Looking back at this block, what are you proudest of having learned?',
    'Where do you feel you are right on track, and where would you like to feel more solid?',
    'What feedback from a preceptor or tutor has stayed with you, and what did you make of it?',
  ]),
  topic('academics', 'learning-strategies', 'Learning strategies', [
    'How are you studying right now, and what seems to make things stick for you?',
    'Have you tried learning with others: study groups, teaching back, practising skills together?',
    'How do you connect what you read with what you see on the ward or in the clinic?',
  ]),
  topic('academics', 'exams', 'Exams', [
    'Which exam or assessment is next, and what does your preparation look like so far?',
    'How do you tend to prepare for OSCEs or practical exams compared with written ones?',
    'What would a realistic plan for the last two weeks before the exam look like for you?',
    'After an exam, how do you decide what to take from it and what to let go?',
  ]),
  topic('academics', 'time-management', 'Time management', [
    'What does a typical week look like for you at the moment, from placement to evenings?',
    'What tends to get squeezed out when things get busy, and does that sit well with you?',
    'Is there one thing you could say no to, or do less of, this month?',
  ]),
  topic('academics', 'note-taking', 'Note-taking', [
    'How do you take notes in lectures compared with on placement?',
    'When you come back to your notes before an exam, what do you wish you had written down?',
    'Have you tried flashcards, concept maps or shared notes, and how did they work for you?',
  ]),
  topic('career', 'new-phases', 'Starting a new phase of training', [
    'What are you most looking forward to in the next phase, and what feels most uncertain?',
    'What do you wish someone had told you before your first day on a new rotation or placement?',
    'How could you introduce yourself to a new team in a way that feels comfortable to you?',
  ]),
  topic('career', 'problems-and-challenges', 'Problems and challenges', [
    'What has been the hardest part of training for you lately?',
    'When something goes wrong on placement, who do you feel you can talk to about it?',
    'What support have you already tried, and what would help most right now?',
  ]),
  topic('career', 'research', 'Research opportunities', [
    'Is there a question from your clinical work or classes that you keep wondering about?',
    'What draws you to research, or what makes you hesitant about it?',
    'How could you find out which supervisors or labs take students at your stage?',
  ]),
  topic('career', 'networking', 'Networking', [
    'Which specialties, professions or settings are you curious about right now?',
    'Who in your program or placement could you ask for a short conversation about their path?',
    'How do you feel about reaching out to people you do not know yet, and what would make it easier?',
  ]),
  topic('organization', 'campus', 'Finding your way around campus', [
    'Which places on campus or at your hospital site do you still find confusing?',
    'Do you know where to find quiet study space, food late in the day, and student services?',
    'Is there a campus or hospital resource you have heard of but not used yet?',
  ]),
  topic('organization', 'schedule', 'Semester schedule and course components', [
    'What is coming up this semester that you want to plan around?',
    'Which parts of the course structure are still unclear to you?',
    'How are you balancing classes, placements and assignments with their different deadlines?',
  ]),
  topic('organization', 'practical-courses', 'Practical courses', [
    'Which practical skills or clinical sessions are coming up, and how do you feel about them?',
    'How do you prepare for a skills lab or simulation so you get the most out of it?',
    'When you feel unsure during a practical session, how comfortable are you asking for another go?',
  ]),
  topic('psychosocial', 'exam-stress', 'Exam stress', [
    'How does exam stress show up for you: sleep, appetite, mood, focus?',
    'What has helped you get through stressful exam periods before?',
    'What would a kind, realistic study day look like for you in the week before the exam?',
  ]),
  topic('psychosocial', 'fear-of-failure', 'Fear of failure', [
    'When you imagine something going wrong in training, what worries you most?',
    'Many of us feel like we do not belong at times. Does that feeling come up for you, and when?',
    'How do you usually talk to yourself after a mistake, and how would you talk to a friend?',
  ]),
  topic('psychosocial', 'motivation', 'Motivation', [
    'What brought you into this profession, and does that reason still feel true?',
    'When does your energy for training feel highest, and when does it dip?',
    'What is one small thing that would make the coming week feel more meaningful?',
  ]),
  topic('psychosocial', 'faculty', 'Getting along with faculty and teachers', [
    'How are things with your preceptors, supervisors or clinical instructors?',
    'Has there been a moment with a teacher you were unsure how to handle?',
    'How do you ask for feedback, and what makes feedback easier for you to hear?',
  ]),
  topic('psychosocial', 'loneliness', 'Loneliness in training', [
    'Who do you feel connected to in your program right now?',
    'Have there been times this term when you felt on your own? What was happening then?',
    'Which groups, spaces or people might help you feel more at home here?',
  ]),
  topic('social', 'wellbeing', 'Health and wellbeing', [
    'How are you looking after yourself these days: sleep, movement, meals, rest?',
    'What does a good day look like for you outside of training?',
    'Do you know where to turn for health or counselling support as a learner, if you ever need it?',
  ]),
  topic('social', 'finances', 'Finances', [
    'Only if you would like to talk about it: how are you managing the costs of training?',
    'Do you know which bursaries, awards or financial aid offices are open to students in your program?',
    'Are there costs coming up, such as exams, equipment or travel to placements, that you want to plan for?',
  ]),
  topic('social', 'personal-challenges', 'Personal challenges', [
    'Is there anything outside of training that is taking up a lot of your energy right now? Share only what you want to.',
    'What helps you keep going when life and training both ask a lot of you?',
    'Would it help to find out together which supports or accommodations are available to you?',
  ]),
  topic('social', 'icebreakers', 'Personality icebreakers', [
    'What is something about you that most of your classmates do not know?',
    'What did you do before this program, or what were you into as a kid?',
    'What is a small thing that reliably makes your day better?',
  ]),
  topic('social', 'housing', 'Housing and accommodation', [
    'How is your living situation working out with your schedule and placements?',
    'Are you thinking about moving for a rotation or placement, and what do you need to know?',
    'Is your commute manageable, or is it eating into your rest?',
  ]),
  topic('social', 'exploring', 'Travel and exploring the neighbourhood', [
    'Which parts of the city or neighbourhood have you explored, and which are on your list?',
    'Do you have a favourite spot to recharge near campus or the hospital?',
    'Any trips or time away planned for your next break?',
  ]),
  topic('social', 'free-time', 'Hobbies and free time', [
    'What do you enjoy doing when you are not studying or on placement?',
    'Is there a hobby you have let go of during training that you miss?',
    'How do you protect some free time when the schedule gets full?',
  ]),
];

/**
 * The guide's list for mentors to reflect on before meeting a mentee (Section 3):
 * one question per subtopic, about the mentor's own experience.
 */
export const REFLECTION_PROMPTS: readonly string[] = [
  'Your learning progress: what helped you notice you were moving forward?',
  'Your learning strategies: which ones worked for you, and which did you drop?',
  'Exams: how did you prepare, and what would you do differently?',
  'Time management: how did you balance training with the rest of your life?',
  'Note-taking: what did you keep, and what did you never look at again?',
  'Starting different phases of training: what surprised you each time?',
  'Problems and challenges: what was hard, and who or what helped?',
  'Research opportunities: how did you find them, or why did you pass on them?',
  'Networking: how did you meet the people who shaped your path?',
  'Orientation on campus: what took you longest to find?',
  'The semester schedule and course components: what caught you off guard?',
  'Practical courses: how did you get comfortable with hands-on skills?',
  'Exam stress: how did it show up for you, and what eased it?',
  'Fear of failure: when did you feel it, and what helped you through?',
  'Motivation: what kept you going on the hard days?',
  'Getting along with faculty and teachers: what worked, and what would you tell your younger self?',
  'Loneliness in training: when did you feel it, and how did you find your people?',
  'Health and wellbeing: what did looking after yourself look like in practice?',
  'Finances: what do you wish you had known about costs and supports?',
  'Personal challenges: which experiences are you comfortable sharing, and where are your limits?',
  'Personality icebreakers: what would you like your mentee to know about you?',
  'Housing and accommodation: what worked for you, and what would you avoid?',
  'Travel and the neighbourhood: which places helped you recharge?',
  'Hobbies and free time: what did you keep doing, and how?',
];

/** Light openers for a first meeting, or for any meeting that needs warming up. */
export const ICEBREAKERS: readonly string[] = [
  'What is one thing that went well for you this week, however small?',
  'If you had a free afternoon tomorrow, how would you spend it?',
  'What is a song, show or book that has kept you company lately?',
  'What made you choose this program, in one sentence?',
  'What is something you are looking forward to this month?',
  'How do you like to be checked in on: directly, or over coffee and small talk first?',
];

/** A built-in topic by id, or undefined. */
export function builtInTopic(id: string): Topic | undefined {
  return TOPIC_LIBRARY.find((t) => t.id === id);
}
