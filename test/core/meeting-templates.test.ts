import { describe, expect, it } from 'vitest';
import { builtInTopic, MEETING_TEMPLATES, MeetingTemplateSchema, meetingTemplate } from '../../core/index.ts';

describe('meeting templates', () => {
  it('offers the four templates of the guide, each valid and using only topics of the library', () => {
    expect(MEETING_TEMPLATES.map((t) => t.id)).toEqual(['first-meeting', 'exam-preparation', 'clinical-placement', 'end-of-program']);
    for (const template of MEETING_TEMPLATES) {
      expect(MeetingTemplateSchema.parse(template)).toEqual(template);
      for (const item of template.items) if (item.topicId) expect(builtInTopic(item.topicId), item.topicId).toBeDefined();
    }
  });

  it('covers boundaries and confidentiality first, and evaluation at the end', () => {
    const titles = (id: Parameters<typeof meetingTemplate>[0]) => meetingTemplate(id).items.map((i) => i.title).join(' | ');
    expect(titles('first-meeting')).toMatch(/Icebreakers.*Expectations.*Boundaries.*Confidentiality/);
    expect(titles('end-of-program')).toMatch(/Reflection.*evaluation.*Next steps/i);
  });

  it('rejects an unknown template with a message that says what to do', () => {
    // @ts-expect-error: an unknown template is what is tested
    expect(() => meetingTemplate('party')).toThrow('Pick one of the templates offered, or none.');
  });
});
