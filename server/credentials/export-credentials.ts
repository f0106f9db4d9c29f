import 'server-only';
import type { CredentialListQuery } from '@/lib/schemas/credentials.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import type { Db } from '@/server/db/client.ts';
import { listCredentials } from './list-credentials.ts';

const BATCH = 1000;
export const CREDENTIALS_CSV_HEADER = [
  'credentials_token', 'institution', 'status', 'last_updated_at', 'last_attempt_at', 'last_attempt_outcome',
  'status_changed_at', 'created_at', 'stale', 'partial_data', 'external_reference', 'owner', 'contacts',
  // New columns go last, so scripts that read the columns by position keep working.
  'over_target', 'recurring',
];

/**
 * Every credential matching the list's filters, in the list's order, read page by page with the
 * same keyset query: memory stays flat whatever the size. The permission is checked at once.
 */
export function exportCredentials(actor: Actor, query: CredentialListQuery, options: { db?: Db; now?: Date } = {}) {
  assertCan(actor, 'credentials.export');
  return batches(actor, query, options);
}

async function* batches(actor: Actor, query: CredentialListQuery, options: { db?: Db; now?: Date }) {
  let cursor: string | undefined;
  do {
    const page = await listCredentials(actor, { ...query, limit: BATCH, cursor }, options);
    yield page.items.map((c) => [
      c.token,
      c.institution.name,
      c.status,
      c.lastUpdatedAt ?? '',
      c.lastAttemptAt ?? '',
      c.lastAttemptOutcome ?? '',
      c.statusChangedAt,
      c.createdAt,
      c.stale ? 'yes' : 'no',
      c.partialData ? 'yes' : 'no',
      c.externalReference ?? '',
      c.owner?.name ?? '',
      c.contacts.map((p) => `${p.name} <${p.email}>`).join('; '),
      c.overTarget ? 'yes' : 'no',
      c.recurring ? 'yes' : 'no',
    ]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
