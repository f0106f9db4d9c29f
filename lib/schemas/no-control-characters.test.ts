import { describe, expect, it } from 'vitest';
import { analyticsRangeSchema } from './analytics.ts';
import { auditQuerySchema } from './audit.ts';
import { credentialFiltersSchema, credentialListQuerySchema } from './credentials.ts';

// Issue 16: a NUL in a search or filter reached the query, and the database failed on it (a bare 500).
const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('text in a query parameter', () => {
  it('refuses a control character in every search and filter, naming the parameter', () => {
    expect(messages(credentialListQuerySchema.safeParse({ q: '\0abc' }))).toEqual(['q: must not contain control characters']);
    expect(messages(credentialFiltersSchema.safeParse({ q: 'ab\u0007c' }))).toEqual(['q: must not contain control characters']);
    expect(messages(credentialFiltersSchema.safeParse({ owner: '\0' }))).toEqual(['owner: must not contain control characters']);
    expect(messages(credentialFiltersSchema.safeParse({ institution: 'santander_es,bbva\0' }))).toEqual(['institution.1: must not contain control characters']);
    for (const key of ['actor', 'action', 'target']) {
      expect(messages(auditQuerySchema.safeParse({ [key]: 'x\0' }))).toEqual([`${key}: must not contain control characters`]);
    }
    expect(messages(analyticsRangeSchema.safeParse({ institution: '\u007f' }))).toEqual(['institution.0: must not contain control characters']);
  });

  it('still takes any other text, trimmed', () => {
    expect(credentialListQuerySchema.parse({ q: ' café 😀 ' }).q).toBe('café 😀');
    expect(auditQuerySchema.parse({ actor: ' admin@credops.test ' }).actor).toBe('admin@credops.test');
  });
});
