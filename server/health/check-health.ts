import 'server-only';
import { db, databaseKind } from '@/server/db/client.ts';
import { activeFlanksSourceName } from '@/server/flanks/flanks-source.ts';

export interface Health {
  ok: boolean;
  database: { kind: 'sqlite' | 'postgresql'; ok: boolean; error?: string };
  dataSource: { name: string; lastSyncedAt: string | null; lastError: string | null; consecutiveFailures: number };
}

/** What /api/health reports: can we reach the database, and how is the data source syncing. */
export async function checkHealth(): Promise<Health> {
  const source = activeFlanksSourceName();
  try {
    await db.$queryRawUnsafe('SELECT 1');
    const sync = await db.syncState.findUnique({ where: { id: source } });
    return {
      ok: true,
      database: { kind: databaseKind(), ok: true },
      dataSource: {
        name: source,
        lastSyncedAt: sync?.lastCompletedAt?.toISOString() ?? null,
        lastError: sync?.lastError ?? null,
        consecutiveFailures: sync?.consecutiveFailures ?? 0,
      },
    };
  } catch (error) {
    return {
      ok: false,
      database: { kind: databaseKind(), ok: false, error: error instanceof Error ? error.message.split('\n')[0] : String(error) },
      dataSource: { name: source, lastSyncedAt: null, lastError: null, consecutiveFailures: 0 },
    };
  }
}
