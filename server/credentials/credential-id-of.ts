import 'server-only';
import type { Tx } from '@/server/db/client.ts';
import { AppError } from '@/lib/domain/app-error.ts';

/** The id behind a credentials token, or the 404 every credential edit answers for an unknown token. */
export async function credentialIdOf(tx: Tx, token: string): Promise<number> {
  const credential = await tx.credential.findUnique({ where: { token }, select: { id: true } });
  if (!credential) throw new AppError('NOT_FOUND', 'No credential has this token.');
  return credential.id;
}
