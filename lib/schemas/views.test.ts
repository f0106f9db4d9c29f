import { describe, expect, it } from 'vitest';
import { createViewSchema, viewQuerySchema } from './views.ts';

describe('a saved view query', () => {
  it('is kept the way the list writes it: defaults and the page position left out', () => {
    expect(viewQuerySchema.parse('?status=BLOCKED&overTarget=true&limit=50&cursor=abc&start=50')).toBe('status=BLOCKED&overTarget=true');
    expect(viewQuerySchema.parse('status=BLOCKED&status=PENDING_SCA&owner=me')).toBe('status=BLOCKED%2CPENDING_SCA&owner=me');
    expect(viewQuerySchema.parse('')).toBe('');
  });

  it('is refused when the list would refuse it, naming the field', () => {
    const parsed = viewQuerySchema.safeParse('status=BROKEN');
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toMatch(/^status\.0: must be one of/);
  });

  it('has a name of 1 to 80 characters, trimmed', () => {
    expect(createViewSchema.parse({ name: '  Blocked > 3 days ', query: 'status=BLOCKED' })).toEqual({ name: 'Blocked > 3 days', query: 'status=BLOCKED', shared: false });
    expect(createViewSchema.safeParse({ name: ' ', query: '' }).success).toBe(false);
    expect(createViewSchema.safeParse({ name: 'x'.repeat(81), query: '' }).success).toBe(false);
  });
});
