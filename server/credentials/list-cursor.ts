import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';

// The list's keyset cursor: the sort column's value and the id of the row a page ends on, opaque to
// the client (base64url of a JSON pair) and checked when it comes back.

export interface Cursor {
  value: string;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');
}

// Only what encodeCursor writes comes back: toISOString() of a date from 1970 to 9999, and a row id
// (Prisma's Int: 32 bits in both databases). Date.parse alone also took "+275760-09-13T00:00:00.000Z"
// or "-271821-04-20", and JSON any number: the query then failed with a bare 500 (issue 16).
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MAX_ROW_ID = 2_147_483_647;

function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_TIMESTAMP.test(value)) return false;
  const at = new Date(value);
  return !Number.isNaN(at.getTime()) && at.toISOString() === value && at.getUTCFullYear() >= 1970;
}

const isRowId = (id: unknown): id is number => Number.isSafeInteger(id) && (id as number) > 0 && (id as number) <= MAX_ROW_ID;

export function decodeCursor(raw: string, parameter: 'cursor' | 'before'): Cursor {
  try {
    const [value, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (isTimestamp(value) && isRowId(id)) return { value, id };
  } catch {
    // fall through to the clear message below
  }
  throw new AppError('BAD_REQUEST', `${parameter}: is not a cursor this API returned`);
}
