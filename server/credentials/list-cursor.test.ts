import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './list-cursor.ts';

const raw = (value: unknown, id: unknown) => Buffer.from(JSON.stringify([value, id])).toString('base64url');
const NOT_A_CURSOR = { code: 'BAD_REQUEST', message: 'cursor: is not a cursor this API returned' };

describe('the list cursor', () => {
  it('reads back every cursor the API writes', () => {
    for (const cursor of [
      { value: '2026-11-20T14:00:00.000Z', id: 1 },
      { value: '1970-01-01T00:00:00.000Z', id: 2_147_483_647 },
      { value: '9999-12-31T23:59:59.999Z', id: 42 },
    ]) {
      expect(decodeCursor(encodeCursor(cursor), 'cursor')).toEqual(cursor);
    }
  });

  // Each of these passed Date.parse and Number.isInteger, and then failed in the query with a bare 500.
  it('refuses a date outside 1970–9999 or not in the form the API writes, naming the parameter', () => {
    for (const value of ['+275760-09-13T00:00:00.000Z', '-271821-04-20', '-000001-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2026-02-30T00:00:00.000Z', '2026-11-20', '2026-11-20T14:00:00Z', 'Fri, 20 Nov 2026 14:00:00 GMT']) {
      expect(() => decodeCursor(raw(value, 1), 'cursor'), value).toThrow(expect.objectContaining(NOT_A_CURSOR));
    }
    expect(() => decodeCursor(raw('+275760-09-13T00:00:00.000Z', 1), 'before')).toThrow('before: is not a cursor this API returned');
  });

  it('refuses an id no row can have', () => {
    for (const id of [0, -1, 1.5, 2_147_483_648, 2 ** 53, 2 ** 63, 1e300, '1', null]) {
      expect(() => decodeCursor(raw('2026-11-20T14:00:00.000Z', id), 'cursor'), String(id)).toThrow(expect.objectContaining(NOT_A_CURSOR));
    }
  });
});
