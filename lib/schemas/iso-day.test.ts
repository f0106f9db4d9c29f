import { describe, expect, it } from 'vitest';
import { analyticsRangeSchema } from './analytics.ts';
import { auditQuerySchema } from './audit.ts';
import { credentialListQuerySchema } from './credentials.ts';

// `createdFrom=2026-02-30` on the list was read as 2 March while analytics refused `from=2026-02-30`.
describe('a day in any query', () => {
  const queries = [
    ['the credentials list', (day: string) => credentialListQuerySchema.safeParse({ createdFrom: day })],
    ['the audit log', (day: string) => auditQuerySchema.safeParse({ from: day })],
    ['analytics', (day: string) => analyticsRangeSchema.safeParse({ from: day })],
  ] as const;

  it.each(queries)('is refused by %s when the calendar has no such day, saying why', (_, parse) => {
    const parsed = parse('2026-02-30');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('is not a real date');
  });

  it.each(queries)('is taken by %s when it is a real day', (_, parse) => {
    expect(parse('2028-02-29').success).toBe(true);
  });
});
