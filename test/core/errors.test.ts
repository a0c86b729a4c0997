import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addResource, describeError } from '../../core/index.ts';

describe('describing errors to a person', () => {
  it('turns a write refused by its schema into sentences, without raw JSON or field paths', () => {
    let thrown: unknown;
    try {
      addResource(new Y.Doc(), { title: 'Counselling', url: 'javascript:alert(1)', category: 'campus', addedBy: 'ada' });
    } catch (e) {
      thrown = e;
    }
    const message = describeError(thrown);
    expect(message).toMatch(/web address starting with https:\/\/ or http:\/\//);
    expect(message).not.toMatch(/\burl\b|→/);
    expect(message.trim().startsWith('[')).toBe(false);
  });

  it('keeps the message of our own errors and of anything else thrown', () => {
    expect(describeError(new Error('The relay is away.'))).toBe('The relay is away.');
    expect(describeError('plain words')).toBe('plain words');
  });
});
