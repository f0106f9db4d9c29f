import { describe, expect, it } from 'vitest';
import { groupByRecipient, MAX_LINKS_PER_EMAIL, recipientKey } from './link-email.ts';

describe('one email per person', () => {
  it('groups by address, whatever its case or stray spaces', () => {
    const items = [
      { token: 'a', email: 'Ana@Example.com' },
      { token: 'b', email: 'luis@example.com' },
      { token: 'c', email: ' ana@example.com' },
    ];
    expect(groupByRecipient(items, (i) => i.email).map((g) => g.map((i) => i.token))).toEqual([['a', 'c'], ['b']]);
    expect(recipientKey(' Ana@Example.COM ')).toBe('ana@example.com');
  });

  it('keeps the order each person first appears in, and each group’s own order', () => {
    const items = ['z@x', 'y@x', 'z@x', 'y@x', 'w@x'].map((email, i) => ({ email, i }));
    expect(groupByRecipient(items, (i) => i.email).map((g) => g.map((i) => i.i))).toEqual([[0, 2], [1, 3], [4]]);
  });

  it('splits a long list into emails of at most ten, in order', () => {
    const items = Array.from({ length: 23 }, (_, i) => ({ email: 'many@example.com', i }));
    const groups = groupByRecipient(items, (i) => i.email);
    expect(groups.map((g) => g.length)).toEqual([MAX_LINKS_PER_EMAIL, MAX_LINKS_PER_EMAIL, 3]);
    expect(groups.flat().map((i) => i.i)).toEqual(items.map((i) => i.i));
  });
});
