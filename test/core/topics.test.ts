import { describe, expect, it } from 'vitest';
import {
  addCustomPrompt, addCustomTopic, agendaTopicIds, builtInTopic, ICEBREAKERS, listTopics, REFLECTION_PROMPTS,
  searchTopics, TOPIC_LIBRARY, TopicSchema,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

describe('topic library', () => {
  it('gives every built-in subtopic two to four prompts and keeps the guide\'s ids', () => {
    for (const topic of TOPIC_LIBRARY) {
      expect(TopicSchema.parse(topic)).toEqual(topic);
      expect(topic.prompts.length, topic.id).toBeGreaterThanOrEqual(2);
      expect(topic.prompts.length, topic.id).toBeLessThanOrEqual(4);
    }
    expect(TOPIC_LIBRARY.map((t) => t.id)).toEqual([
      'academics.learning-progress', 'academics.learning-strategies', 'academics.exams', 'academics.time-management',
      'academics.note-taking', 'career.new-phases', 'career.problems-and-challenges', 'career.research', 'career.networking',
      'organization.campus', 'organization.schedule', 'organization.practical-courses', 'psychosocial.exam-stress',
      'psychosocial.fear-of-failure', 'psychosocial.motivation', 'psychosocial.faculty', 'psychosocial.loneliness',
      'social.wellbeing', 'social.finances', 'social.personal-challenges', 'social.icebreakers', 'social.housing',
      'social.exploring', 'social.free-time',
    ]);
  });

  it('has one reflection prompt per subtopic for mentors, and icebreakers', () => {
    expect(REFLECTION_PROMPTS).toHaveLength(TOPIC_LIBRARY.length);
    expect(REFLECTION_PROMPTS.some((p) => p.startsWith('Exam stress'))).toBe(true);
    expect(ICEBREAKERS.length).toBeGreaterThanOrEqual(3);
  });

  it('finds topics by the start of a word in their title first', () => {
    const titles = searchTopics(TOPIC_LIBRARY, 'exam').map((t) => t.title);
    expect(titles.slice(0, 2)).toEqual(['Exams', 'Exam stress']);
    expect(searchTopics(TOPIC_LIBRARY, 'stress').map((t) => t.id)).toEqual(['psychosocial.exam-stress']);
    expect(searchTopics(TOPIC_LIBRARY, '')).toHaveLength(TOPIC_LIBRARY.length);
    expect(searchTopics(TOPIC_LIBRARY, 'zebra')).toEqual([]);
  });

  it('reads the topics of an agenda from topic ids, or from titles that name a topic', () => {
    const ids = agendaTopicIds([
      { title: 'Anything', topicId: 'academics.exams' },
      { title: 'exam stress ' },
      { title: 'Exams', topicId: null },
      { title: 'Something else', topicId: 'no.such-topic' },
    ], TOPIC_LIBRARY);
    expect(ids).toEqual(['academics.exams', 'psychosocial.exam-stress']);
  });
});

describe('custom topics and prompts', () => {
  it('merges members\' topics and prompts into the library, by area', () => {
    const { docs } = createPeers(1);
    const id = addCustomTopic(docs[0]!, { area: 'career', title: 'Preparing for residency interviews', prompts: ['Which programs are you drawn to?'] });
    addCustomPrompt(docs[0]!, 'academics.exams', 'How will you review after the practice exam?');
    const topics = listTopics(docs[0]!);
    const custom = topics.find((t) => t.id === id)!;
    expect(custom).toEqual({ id, area: 'career', title: 'Preparing for residency interviews', prompts: ['Which programs are you drawn to?'], builtIn: false });
    expect(topics.indexOf(custom)).toBe(topics.findIndex((t) => t.id === 'career.networking') + 1);
    expect(topics.find((t) => t.id === 'academics.exams')!.prompts.at(-1)).toBe('How will you review after the practice exam?');
    expect(builtInTopic('academics.exams')!.prompts).not.toContain('How will you review after the practice exam?');
  });

  it('keeps topics and prompts that three members add at the same time', () => {
    const { docs, sync } = createPeers(3);
    const a = addCustomTopic(docs[0]!, { area: 'social', title: 'Parenting during training', prompts: [] }, 1000);
    const b = addCustomTopic(docs[1]!, { area: 'social', title: 'Faith and training', prompts: ['What keeps you grounded?'] }, 1000);
    addCustomPrompt(docs[2]!, 'psychosocial.motivation', 'What would you tell first-year you?', 'm3', 1000);
    addCustomPrompt(docs[0]!, 'psychosocial.motivation', 'Who inspires you here?', 'm1', 1000);
    sync();
    addCustomPrompt(docs[2]!, a, 'How do you share childcare with placements?');
    sync();
    const first = listTopics(docs[0]!);
    expect(listTopics(docs[1]!)).toEqual(first);
    expect(listTopics(docs[2]!)).toEqual(first);
    expect(first.filter((t) => !t.builtIn).map((t) => t.id).sort()).toEqual([a, b].sort());
    expect(first.find((t) => t.id === a)!.prompts).toEqual(['How do you share childcare with placements?']);
    expect(first.find((t) => t.id === 'psychosocial.motivation')!.prompts.slice(-2).sort())
      .toEqual(['What would you tell first-year you?', 'Who inspires you here?']);
  });

  it('rejects an empty title, an unknown area and a prompt for a missing topic with messages that say what to do', () => {
    const { docs } = createPeers(1);
    expect(() => addCustomTopic(docs[0]!, { area: 'career', title: '  ', prompts: [] })).toThrow('Give the topic a short title.');
    expect(() => addCustomTopic(docs[0]!, { area: 'sports' as never, title: 'Climbing', prompts: [] })).toThrow(/Choose an area/);
    expect(() => addCustomPrompt(docs[0]!, 'academics.exams', '')).toThrow('Type the question you would ask.');
    expect(() => addCustomPrompt(docs[0]!, 'career.custom-nope', 'Hello?')).toThrow(/pick one from the topic library/);
  });
});
