import 'server-only';
import { CREDENTIAL_STATUSES, STATUS_LABELS, unlockFlowFor, type CredentialStatus } from '@/lib/domain/credential-status.ts';
import type { CredentialFilters } from '@/lib/schemas/credentials.ts';
import type { BulkSendPreview, BulkSendProgress, StartBulkSendInput } from '@/lib/schemas/links.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { assertCan, type Actor } from '@/server/auth/permissions.ts';
import { credentialConditions } from '@/server/credentials/credential-filters.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';
import { AppError } from '@/server/http/errors.ts';
import { openIncidentsFor } from '@/server/incidents/incident-markers.ts';
import { EMAIL_COOLDOWN_MS, FLOW_LABEL, type LinkFlow } from '@/lib/domain/link-rules.ts';

// Bulk sends: Operations pick credentials by the list's filters, see what will happen, confirm, and
// a runner (server/links/run-bulk-send.ts) sends each link on its own.

/** The status a flow unlocks: the only credentials a bulk send of that flow can reach. */
const statusFor = (flow: LinkFlow): CredentialStatus => CREDENTIAL_STATUSES.find((s) => unlockFlowFor(s) === flow)!;
const LISTED_WITHOUT_CONTACT = 100;
const ITEMS_PER_PAGE = 200;

const NO_CONTACT = Prisma.sql`NOT EXISTS (SELECT 1 FROM "CredentialContact" cc WHERE cc."credentialId" = c.id)`;

// What an item shows (i: the item, e: its email): the runner records that a link was sent when its
// email is written, but the item says SENT or RESENT only once the mail server has taken the email.
const SHOWN_RESULT = Prisma.sql`CASE
  WHEN i.result IN ('SENT', 'RESENT') AND e.state IN ('PENDING', 'SENDING') THEN 'QUEUED'
  WHEN i.result IN ('SENT', 'RESENT') AND e.state IN ('FAILED', 'CANCELLED') THEN 'UNDELIVERED'
  ELSE i.result END`;

/** The list's filters narrowed to the status the flow unlocks; a filter on other statuses selects nothing. */
async function selection(db: Db, flow: LinkFlow, filters: Partial<CredentialFilters>, now: Date): Promise<Prisma.Sql[] | null> {
  const status = statusFor(flow);
  if (filters.status?.length && !filters.status.includes(status)) return null;
  return credentialConditions(db, { ...filters, status: [status] }, now);
}

const where = (conditions: Prisma.Sql[]) => Prisma.join(conditions, ' AND ');

/** How many would get a link, by institution; who has no contact (listed); who was emailed today; which institutions are failing. */
export async function previewBulkSend(actor: Actor, flow: LinkFlow, filters: Partial<CredentialFilters>, options: { db?: Db; now?: Date } = {}): Promise<BulkSendPreview> {
  assertCan(actor, 'links.bulkSend');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const conditions = await selection(db, flow, filters, now);
  if (!conditions) return { flow, total: 0, withoutContact: 0, emailedRecently: 0, byInstitution: [], withoutContactListed: [], incidents: [] };
  const emailedRecently = Prisma.sql`EXISTS (SELECT 1 FROM "Link" l JOIN "OutboxEmail" e ON e."linkId" = l.id
    WHERE l."credentialId" = c.id AND l.flow = ${flow} AND e."createdAt" > ${new Date(now.getTime() - EMAIL_COOLDOWN_MS)} AND e.state NOT IN ('FAILED', 'CANCELLED'))`;
  const [groups, listed] = await Promise.all([
    db.$queryRaw<{ id: string; name: string; n: bigint | number; noContact: bigint | number; recent: bigint | number }[]>`
      SELECT c."institutionId" AS id, i.name AS name, COUNT(*) AS n,
        SUM(CASE WHEN ${NO_CONTACT} THEN 1 ELSE 0 END) AS "noContact",
        SUM(CASE WHEN ${emailedRecently} THEN 1 ELSE 0 END) AS recent
      FROM "Credential" c JOIN "Institution" i ON i.id = c."institutionId"
      WHERE ${where(conditions)}
      GROUP BY c."institutionId", i.name ORDER BY n DESC, i.name`,
    db.$queryRaw<{ token: string; institution: string }[]>`
      SELECT c.token, i.name AS institution FROM "Credential" c JOIN "Institution" i ON i.id = c."institutionId"
      WHERE ${where([...conditions, NO_CONTACT])} ORDER BY c.id LIMIT ${LISTED_WITHOUT_CONTACT}`,
  ]);
  const byInstitution = groups.map((g) => ({ id: g.id, name: g.name, count: Number(g.n), withoutContact: Number(g.noContact), emailedRecently: Number(g.recent) }));
  const sum = (key: 'count' | 'withoutContact' | 'emailedRecently') => byInstitution.reduce((total, g) => total + g[key], 0);
  return {
    flow,
    total: sum('count'),
    withoutContact: sum('withoutContact'),
    emailedRecently: sum('emailedRecently'),
    byInstitution,
    withoutContactListed: listed,
    incidents: byInstitution.length ? await openIncidentsFor(db, byInstitution.map((g) => g.id)) : [],
  };
}

/**
 * Freezes the selection (every matching credential becomes an item) and audits it. Retrying with the
 * same Idempotency-Key answers the bulk send already created instead of starting a second one.
 */
export async function startBulkSend(actor: Actor, input: StartBulkSendInput, options: { db?: Db; now?: Date; ip?: string | null; idempotencyKey?: string | null } = {}): Promise<{ id: string; total: number }> {
  assertCan(actor, 'links.bulkSend');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const key = options.idempotencyKey ?? null;
  const existing = key ? await db.bulkSend.findUnique({ where: { id: key } }) : null;
  if (existing) return { id: existing.id, total: existing.total };
  const conditions = await selection(db, input.flow, input.filter, now);
  if (!conditions) throw new AppError('BAD_REQUEST', `This filter selects no ${STATUS_LABELS[statusFor(input.flow)]} credential, so there is nobody to send a ${FLOW_LABEL[input.flow]} link to.`);
  try {
    return await db.$transaction(
      async (tx) => {
        const bulk = await tx.bulkSend.create({ data: { ...(key ? { id: key } : {}), flow: input.flow, filter: JSON.stringify(input.filter), createdById: actor.id, createdAt: now, total: 0 } });
        const total = await tx.$executeRaw`
          INSERT INTO "BulkSendItem" ("bulkSendId", "credentialId") SELECT ${bulk.id}, c.id FROM "Credential" c WHERE ${where(conditions)}`;
        if (total === 0) throw new AppError('BAD_REQUEST', 'This filter selects no credential: nothing to send.');
        await tx.bulkSend.update({ where: { id: bulk.id }, data: { total } });
        await recordAuditEvent(tx, { actor, action: 'bulkSend.start', target: { type: 'bulkSend', id: bulk.id }, details: { flow: input.flow, total, filter: input.filter }, ip: options.ip });
        return { id: bulk.id, total };
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    if (key && (error as { code?: string }).code === 'P2002') {
      const raced = await db.bulkSend.findUniqueOrThrow({ where: { id: key } });
      return { id: raced.id, total: raced.total };
    }
    throw error;
  }
}

/** Progress and a page of per-credential results (after `after`, a credential id), for the progress page. */
export async function getBulkSend(actor: Actor, id: string, options: { db?: Db; after?: number } = {}): Promise<BulkSendProgress> {
  assertCan(actor, 'links.bulkSend');
  const db = options.db ?? defaultDb;
  const bulk = await db.bulkSend.findUnique({ where: { id }, include: { createdBy: { select: { name: true } } } });
  if (!bulk) throw new AppError('NOT_FOUND', 'No bulk send has this id.');
  const [counts, items] = await Promise.all([
    db.$queryRaw<{ shown: string | null; n: bigint | number }[]>`
      SELECT ${SHOWN_RESULT} AS shown, COUNT(*) AS n
      FROM "BulkSendItem" i LEFT JOIN "OutboxEmail" e ON e.id = i."emailId"
      WHERE i."bulkSendId" = ${id} GROUP BY 1`,
    db.$queryRaw<{ credentialId: number; token: string; institution: string; shown: string | null; detail: string | null; emailState: string | null; lastError: string | null }[]>`
      SELECT i."credentialId", c.token, inst.name AS institution, ${SHOWN_RESULT} AS shown, i.detail, e.state AS "emailState", e."lastError"
      FROM "BulkSendItem" i JOIN "Credential" c ON c.id = i."credentialId" JOIN "Institution" inst ON inst.id = c."institutionId"
        LEFT JOIN "OutboxEmail" e ON e.id = i."emailId"
      WHERE i."bulkSendId" = ${id} AND i."credentialId" > ${options.after ?? 0}
      ORDER BY i."credentialId" LIMIT ${ITEMS_PER_PAGE}`,
  ]);
  const results: Record<string, number> = {};
  let processed = 0;
  for (const c of counts) {
    if (c.shown === null) continue;
    results[c.shown] = Number(c.n);
    processed += Number(c.n);
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
    items: items.map((i) => ({ token: i.token, institution: i.institution, result: i.shown, detail: itemDetail(i) })),
    nextAfter: items.length === ITEMS_PER_PAGE ? items[items.length - 1].credentialId : null,
  };
}

/** For an email not (yet) delivered, why: the mail server's last answer, or the revocation that cancelled it. */
function itemDetail(item: { shown: string | null; detail: string | null; emailState: string | null; lastError: string | null }): string | null {
  if (item.shown === 'QUEUED') return item.emailState === 'PENDING' && item.lastError ? `${item.detail}: ${item.lastError}; retrying` : item.detail;
  if (item.shown === 'UNDELIVERED') return `${item.detail}: ${item.emailState === 'CANCELLED' ? 'the link was revoked before its email went out' : item.lastError}`;
  return item.detail;
}
