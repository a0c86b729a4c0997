import { describe, expect, it } from 'vitest';
import {
  addResource, createWorkspace, editResource, groupResources, listResources, removeResource,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

function threePeers() {
  const { docs, sync } = createPeers(3);
  const { memberId } = createWorkspace(docs[0]!, { id: 'ws-res-1', name: 'Residency prep', creator: { displayName: 'Ada', role: 'mentor' } });
  sync();
  return { docs, sync, memberId };
}

const counselling = { title: 'Campus counselling', url: 'https://counselling.example.edu', category: 'campus' as const, addedBy: 'ada' };

describe('resources', () => {
  it('keeps a link, a contact, a description and who added it, and ignores blank optional fields', () => {
    const { docs } = threePeers();
    addResource(docs[0]!, {
      title: ' Learner affairs office ', url: '', contactName: 'Dr. Rivera', contactEmail: 'affairs@example.edu', contactPhone: '',
      description: 'Accommodations, leaves, and confidential advice.', category: 'campus', addedBy: 'ada',
    }, 1_000);
    expect(listResources(docs[0]!)).toEqual([expect.objectContaining({
      title: 'Learner affairs office', url: null, contact: { name: 'Dr. Rivera', email: 'affairs@example.edu', phone: null },
      description: 'Accommodations, leaves, and confidential advice.', category: 'campus', addedBy: 'ada', addedAt: 1_000,
    })]);
  });

  it('refuses a javascript: address, and other non-web addresses, with a message that says what to enter', () => {
    const { docs } = threePeers();
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://files.example.edu', 'not a link']) {
      expect(() => addResource(docs[0]!, { ...counselling, url })).toThrow('Enter a web address starting with https:// or http://.');
    }
    expect(listResources(docs[0]!)).toEqual([]);
  });

  it('refuses a missing title, an unknown category and a malformed email with clear messages', () => {
    const { docs } = threePeers();
    expect(() => addResource(docs[0]!, { ...counselling, title: '  ' })).toThrow('Give the resource a title.');
    expect(() => addResource(docs[0]!, { ...counselling, category: 'gym' as never })).toThrow(/Pick a category/);
    expect(() => addResource(docs[0]!, { ...counselling, contactEmail: 'nobody' })).toThrow(/Enter an email address/);
  });

  it('keeps both resources when two members add at the same time, and converges on all three peers', () => {
    const { docs, sync } = threePeers();
    addResource(docs[0]!, counselling, 1);
    addResource(docs[1]!, { title: 'Peer support line', contactPhone: '+1 416 555 0100', category: 'wellbeing', addedBy: 'ben' }, 2);
    addResource(docs[2]!, { title: 'Research day', url: 'https://research.example.edu', category: 'career-research', addedBy: 'cy' }, 3);
    sync();
    const first = listResources(docs[0]!);
    expect(first.map((r) => r.title)).toEqual(['Campus counselling', 'Research day', 'Peer support line']);
    expect(listResources(docs[1]!)).toEqual(first);
    expect(listResources(docs[2]!)).toEqual(first);
  });

  it('merges concurrent edits of different fields, and a removal wins over an edit to the removed item', () => {
    const { docs, sync } = threePeers();
    const id = addResource(docs[0]!, counselling);
    const other = addResource(docs[0]!, { title: 'Scratch', category: 'other', addedBy: 'ada' });
    sync();
    editResource(docs[0]!, id, { ...counselling, description: 'Free, same-week appointments.' });
    editResource(docs[1]!, id, { ...counselling, category: 'wellbeing' });
    editResource(docs[1]!, other, { title: 'Scratch 2', category: 'other' });
    removeResource(docs[2]!, other);
    sync();
    const [only] = listResources(docs[2]!);
    expect(listResources(docs[0]!)).toEqual([only]);
    expect(only).toMatchObject({ description: 'Free, same-week appointments.', category: 'wellbeing' });
    expect(() => editResource(docs[0]!, other, { title: 'Again', category: 'other' })).toThrow(/no longer exists/);
  });

  it('groups resources under their category labels in the guide\'s order', () => {
    const { docs } = threePeers();
    addResource(docs[0]!, { title: 'Alumni network', category: 'networks', addedBy: 'ada' });
    addResource(docs[0]!, counselling);
    expect(groupResources(listResources(docs[0]!)).map((g) => [g.label, g.resources.map((r) => r.title)])).toEqual([
      ['Campus supports', ['Campus counselling']],
      ['Networks', ['Alumni network']],
    ]);
  });
});
