import { describe, expect, test } from 'vitest';
import { mergeText } from './merge';

describe('merging two edits of one text', () => {
  const base = 'Title line\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.';
  test('changes to different lines are both kept', () => {
    const mine = base.replace('First paragraph.', 'First paragraph, mine.');
    const theirs = base.replace('Third paragraph.', 'Third paragraph, theirs.');
    expect(mergeText(base, mine, theirs)).toBe('Title line\n\nFirst paragraph, mine.\n\nSecond paragraph.\n\nThird paragraph, theirs.');
  });
  test('one side unchanged takes the other; the same change twice is one', () => {
    const changed = base.replace('Second', '2nd');
    expect(mergeText(base, base, changed)).toBe(changed);
    expect(mergeText(base, changed, base)).toBe(changed);
    expect(mergeText(base, changed, changed)).toBe(changed);
  });
  test('different changes to the same line are a conflict', () => {
    expect(mergeText(base, base.replace('Second', 'My second'), base.replace('Second', 'Their second'))).toBeNull();
  });
});
