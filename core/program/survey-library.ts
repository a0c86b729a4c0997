import type { Construct, SurveyItemInput } from './survey-items.ts';
import type { SurveyInput } from './survey.ts';

/**
 * Tandem's own survey library, written for peer mentorship in the health
 * professions around the guide's evaluation plan (formative and summative
 * surveys on confidence, belonging and growth; belonging, engagement and
 * satisfaction tracked through the program; a leadership questionnaire for
 * mentors). The wording is Tandem's, not a published instrument's.
 *
 * The formative and summative surveys share the ids of their 5-point items, so
 * the report and each member can compare the two.
 */
const scale = (id: string, construct: Construct, prompt: string): SurveyItemInput => ({ id, kind: 'scale', construct, prompt });

const CORE_ITEMS: SurveyItemInput[] = [
  scale('confidence-next-steps', 'confidence', 'I feel confident about the next steps in my program.'),
  scale('confidence-ask', 'confidence', 'I feel able to ask for help when I need it.'),
  scale('belonging-place', 'belonging', 'I feel I have a place in my program.'),
  scale('belonging-connected', 'belonging', 'I feel connected to people in my field.'),
  scale('growth-skills', 'growth', 'Through this mentorship I am building skills I will use.'),
  scale('growth-goals', 'growth', 'I am making progress on the goals we set.'),
  scale('satisfaction-overall', 'satisfaction', 'Overall, this mentorship is worth my time.'),
  scale('engagement-regular', 'engagement', 'We meet as often as we agreed.'),
  scale('engagement-prepared', 'engagement', 'I come to our meetings prepared.'),
];

const formative: SurveyInput = {
  id: 'formative', kind: 'formative', title: 'Midway check', audience: ['mentor', 'mentee', 'facilitator'],
  anchor: 'midpoint', opensAfterDays: 0, openDays: 14,
  items: [
    ...CORE_ITEMS,
    { id: 'change-one-thing', kind: 'text', prompt: 'One thing that would make the second half better:' },
  ],
};

const summative: SurveyInput = {
  id: 'summative', kind: 'summative', title: 'End of program', audience: ['mentor', 'mentee', 'facilitator'],
  anchor: 'end', opensAfterDays: -3, openDays: 17,
  items: [
    ...CORE_ITEMS,
    { id: 'recommend', kind: 'choice', prompt: 'Would you recommend this program to a classmate?', options: ['Yes', 'Maybe', 'No'] },
    { id: 'most-useful', kind: 'text', prompt: 'What was most useful about the program?' },
  ],
};

const leadership: SurveyInput = {
  id: 'leadership', kind: 'leadership', title: 'Mentor leadership self-assessment', audience: ['mentor'],
  anchor: 'end', opensAfterDays: -3, openDays: 17,
  items: [
    scale('lead-listen', 'leadership', 'I listen fully before offering advice.'),
    scale('lead-feedback', 'leadership', 'I give feedback that is specific and kind.'),
    scale('lead-boundaries', 'leadership', 'I say clearly what I can and cannot help with.'),
    scale('lead-inclusive', 'leadership', 'I make room for experiences different from mine.'),
    scale('lead-resources', 'leadership', 'I point my mentee to people and resources beyond me.'),
    scale('lead-grown', 'leadership', 'Mentoring has grown my own leadership.'),
  ],
};

const closing: SurveyInput = {
  id: 'closing', kind: 'closing', title: 'Closing the mentorship', audience: ['mentor', 'mentee', 'facilitator'],
  anchor: 'end', opensAfterDays: 0, openDays: 21,
  items: [
    scale('closing-goals-met', 'growth', 'We reached what we set out to do.'),
    scale('closing-ended-well', 'satisfaction', 'Our mentorship ended in a good way.'),
    { id: 'closing-keep-in-touch', kind: 'choice', prompt: 'Will you stay in touch?', options: ['Yes', 'Perhaps', 'No'] },
  ],
};

/** Every survey Tandem offers a new program, in the order a program meets them. */
export const SURVEY_LIBRARY: readonly SurveyInput[] = [formative, summative, leadership, closing];
