import 'server-only';
import pg from 'pg';
import type { TestDatabase } from './test-database.ts';

/**
 * Plays a failover on a PostgreSQL test database, as an administrator connected elsewhere would
 * (ALTER DATABASE … ALLOW_CONNECTIONS cannot run inside the database it closes): terminate every
 * connection of the app, refuse new ones, allow them again.
 */
export async function postgresOutage(t: TestDatabase) {
  const name = new URL(t.url).pathname.slice(1);
  const adminUrl = new URL(t.url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  return {
    name,
    terminateConnections: () => admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]),
    allowConnections: (allow: boolean) => admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS ${allow}`),
    end: () => admin.end(),
  };
}
