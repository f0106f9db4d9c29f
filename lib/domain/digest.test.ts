import { describe, expect, it } from 'vitest';
import { composeDigest, digestDay } from './digest.ts';

describe('the staff digest', () => {
  it('is due from 08:00 on the recipient’s own clock, once per local day', () => {
    const at = new Date('2026-12-01T07:30:00Z'); // 08:30 in Madrid, 02:30 in New York
    expect(digestDay(at, 'Europe/Madrid')).toBe('2026-12-01');
    expect(digestDay(at, 'America/New_York')).toBeNull();
    // 23:30 in Madrid is still the 1st's digest day; 00:30 on the 2nd there is too early for the 2nd's.
    expect(digestDay(new Date('2026-12-01T22:30:00Z'), 'Europe/Madrid')).toBe('2026-12-01');
    expect(digestDay(new Date('2026-12-01T23:30:00Z'), 'Europe/Madrid')).toBeNull();
  });

  it('lists each section with its counts and links, escaped in the HTML', () => {
    const email = composeDigest('Ana <ops>', '2026-12-01', [
      { title: 'Your credentials', lines: [{ label: 'Over target', count: 4, url: 'https://credops.example/credentials?owner=me&overTarget=true' }] },
      { title: 'The fleet', lines: [], notes: ['Open incident at A&B Bank since 2026-11-30'] },
    ]);
    expect(email.subject).toBe('CredOps digest for 2026-12-01');
    expect(email.text).toContain('- Over target: 4 (https://credops.example/credentials?owner=me&overTarget=true)');
    expect(email.html).toContain('Good morning Ana &lt;ops&gt;,');
    expect(email.html).toContain('A&amp;B Bank');
    expect(email.html).toContain('href="https://credops.example/credentials?owner=me&amp;overTarget=true"');
  });
});
