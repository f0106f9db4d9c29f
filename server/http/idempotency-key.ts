import 'server-only';
import { idempotencyKeySchema } from '@/lib/schemas/links.ts';
import { AppError } from '@/lib/domain/app-error.ts';

/** The request's `Idempotency-Key` header, validated; null when the client sent none. */
export function idempotencyKeyOf(headers: Headers): string | null {
  const header = headers.get('idempotency-key');
  if (header === null) return null;
  const key = idempotencyKeySchema.safeParse(header);
  if (!key.success) throw new AppError('BAD_REQUEST', `Invalid Idempotency-Key header: ${key.error.issues[0].message}`);
  return key.data;
}
