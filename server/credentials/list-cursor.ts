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

export function decodeCursor(raw: string, parameter: 'cursor' | 'before'): Cursor {
  try {
    const [value, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value)) && Number.isInteger(id)) return { value, id: id as number };
  } catch {
    // fall through to the clear message below
  }
  throw new AppError('BAD_REQUEST', `${parameter}: is not a cursor this API returned`);
}
