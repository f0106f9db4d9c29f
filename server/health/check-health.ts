import 'server-only';
import { db, databaseKind } from '@/server/db/client.ts';
import { getSyncStatus, type SyncStatus } from '@/server/sync/get-sync-status.ts';

export interface Health {
  ok: boolean;
  database: { kind: 'sqlite' | 'postgresql'; ok: boolean; error?: string };
  dataSource: SyncStatus | null;
}

/** What /api/health reports: can we reach the database, and how is the data source syncing. */
export async function checkHealth(): Promise<Health> {
  try {
    await db.$queryRawUnsafe('SELECT 1');
    return { ok: true, database: { kind: databaseKind(), ok: true }, dataSource: await getSyncStatus() };
  } catch (error) {
    return {
      ok: false,
      database: { kind: databaseKind(), ok: false, error: error instanceof Error ? error.message.split('\n')[0] : String(error) },
      dataSource: null,
    };
  }
}
