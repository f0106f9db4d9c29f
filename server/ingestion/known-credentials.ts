import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';

/** What the ingestion knows of a credential before it reads Flanks. */
export interface KnownRow {
  id: number;
  token: string;
  status: string;
  ownerId: string | null;
  statusChangedAt: Date;
  createdAt: Date;
  lastUpdatedAt: Date | null;
  lastAttemptAt: Date | null;
  lastPolledAt: Date | null;
}

export const KNOWN_COLUMNS = Prisma.sql`id, token, status, "ownerId", "statusChangedAt", "createdAt", "lastUpdatedAt", "lastAttemptAt", "lastPolledAt"`;

/** The credentials among `tokens` that CredOps already has, by token. */
export async function knownCredentials(db: Db, tokens: string[]): Promise<Map<string, KnownRow>> {
  if (tokens.length === 0) return new Map();
  // Raw SQL: Prisma's findMany compiles each of the hundreds of IN parameters (docs/BENCHMARKS.md).
  const rows = await db.$queryRaw<KnownRow[]>`SELECT ${KNOWN_COLUMNS} FROM "Credential" WHERE token IN (${Prisma.join(tokens)})`;
  return new Map(rows.map((k) => [k.token, k]));
}
