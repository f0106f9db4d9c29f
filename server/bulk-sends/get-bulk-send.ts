import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import type { LinkFlow } from '@/lib/domain/credential-status.ts';
import { maskEmailsIn } from '@/lib/domain/mask-email.ts';
import { assertCan, can, type Actor } from '@/lib/domain/permissions.ts';
import type { BulkSendProgress } from '@/lib/schemas/bulk-sends.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';

const ITEMS_PER_PAGE = 200;

// What an item shows (i: the item, e: its email): the runner records that a link was sent when its
// email is written, but the item says SENT or RESENT only once the mail server has taken the email.
const SHOWN_RESULT = Prisma.sql`CASE
  WHEN i.result IN ('SENT', 'RESENT') AND e.state IN ('PENDING', 'SENDING') THEN 'QUEUED'
  WHEN i.result IN ('SENT', 'RESENT') AND e.state IN ('FAILED', 'CANCELLED') THEN 'UNDELIVERED'
  ELSE i.result END`;

/** Progress and a page of per-credential results (after `after`, a credential id), for the progress page. */
export async function getBulkSend(actor: Actor, id: string, options: { db?: Db; after?: number } = {}): Promise<BulkSendProgress> {
  assertCan(actor, 'links.bulkSend');
  const db = options.db ?? defaultDb;
  const bulk = await db.bulkSend.findUnique({ where: { id }, include: { createdBy: { select: { name: true } } } });
  if (!bulk) throw new AppError('NOT_FOUND', 'No bulk send has this id.');
  const [counts, items] = await Promise.all([
    queryRows<{ shown: string | null; n: number }>(db, Prisma.sql`
      SELECT ${SHOWN_RESULT} AS shown, COUNT(*) AS n
      FROM "BulkSendItem" i LEFT JOIN "OutboxEmail" e ON e.id = i."emailId"
      WHERE i."bulkSendId" = ${id} GROUP BY 1`),
    queryRows<{ credentialId: number; token: string; institution: string; shown: string | null; detail: string | null; emailState: string | null; lastError: string | null }>(db, Prisma.sql`
      SELECT i."credentialId", c.token, inst.name AS institution, ${SHOWN_RESULT} AS shown, i.detail, e.state AS "emailState", e."lastError"
      FROM "BulkSendItem" i JOIN "Credential" c ON c.id = i."credentialId" JOIN "Institution" inst ON inst.id = c."institutionId"
        LEFT JOIN "OutboxEmail" e ON e.id = i."emailId"
      WHERE i."bulkSendId" = ${id} AND i."credentialId" > ${options.after ?? 0}
      ORDER BY i."credentialId" LIMIT ${ITEMS_PER_PAGE}`),
  ]);
  // An item's detail is its recipient's address, or a mail server's refusal that often repeats it:
  // masked like every contact email for a role that sees them masked (none with links.bulkSend today).
  const unmasked = can(actor, 'contacts.readUnmasked');
  const shown = (detail: string | null) => (unmasked || !detail ? detail : maskEmailsIn(detail));
  const results: Record<string, number> = {};
  let processed = 0;
  for (const c of counts) {
    if (c.shown === null) continue;
    results[c.shown] = c.n;
    processed += c.n;
  }
  return {
    id: bulk.id,
    flow: bulk.flow as LinkFlow,
    createdAt: bulk.createdAt.toISOString(),
    createdBy: bulk.createdBy.name,
    finishedAt: bulk.finishedAt?.toISOString() ?? null,
    total: bulk.total,
    processed,
    results,
    items: items.map((i) => ({ token: i.token, institution: i.institution, result: i.shown, detail: shown(itemDetail(i)) })),
    nextAfter: items.length === ITEMS_PER_PAGE ? items[items.length - 1].credentialId : null,
  };
}

/** For an email not (yet) delivered, why: the mail server's last answer, or the revocation that cancelled it. */
function itemDetail(item: { shown: string | null; detail: string | null; emailState: string | null; lastError: string | null }): string | null {
  if (item.shown === 'QUEUED') return item.emailState === 'PENDING' && item.lastError ? `${item.detail}: ${item.lastError}; retrying` : item.detail;
  if (item.shown === 'UNDELIVERED') return `${item.detail}: ${item.emailState === 'CANCELLED' ? 'the link was revoked before its email went out' : item.lastError}`;
  return item.detail;
}
