import { describe, expect, it } from 'vitest';
import { createViewSchema, viewQuerySchema } from './views.ts';

describe('a saved view query', () => {
  it('is read as the list reads it, without the page position', () => {
    expect(viewQuerySchema.parse('?status=BLOCKED&overTarget=true&limit=50&cursor=abc&start=50')).toMatchObject({ status: ['BLOCKED'], overTarget: true, limit: 50, cursor: undefined, start: undefined });
    expect(viewQuerySchema.parse('status=BLOCKED&status=PENDING_SCA&owner=me')).toMatchObject({ status: ['BLOCKED', 'PENDING_SCA'], owner: 'me' });
  });

  it('is refused when the list would refuse it, naming the field', () => {
    const parsed = viewQuerySchema.safeParse('status=BROKEN');
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toMatch(/^status\.0: must be one of/);
  });

  it('has a name of 1 to 80 characters, trimmed', () => {
    expect(createViewSchema.parse({ name: '  Blocked > 3 days ', query: 'status=BLOCKED' })).toMatchObject({ name: 'Blocked > 3 days', shared: false });
    expect(createViewSchema.safeParse({ name: ' ', query: '' }).success).toBe(false);
    expect(createViewSchema.safeParse({ name: 'x'.repeat(81), query: '' }).success).toBe(false);
  });
});
