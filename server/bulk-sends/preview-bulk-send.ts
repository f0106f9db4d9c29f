import 'server-only';
import type { LinkFlow } from '@/lib/domain/credential-status.ts';
import { EMAIL_COOLDOWN_MS } from '@/lib/domain/link-rules.ts';
import { assertCan, can, type Actor } from '@/lib/domain/permissions.ts';
import { MAX_LINKS_PER_EMAIL } from '@/lib/domain/link-email.ts';
import { maskEmail } from '@/lib/domain/mask-email.ts';
import { previewPersonEmail } from '@/server/links/preview-link-email.ts';
import type { BulkSendPreview } from '@/lib/schemas/bulk-sends.ts';
import type { CredentialFilters } from '@/lib/schemas/credentials.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { openIncidentsFor } from '@/server/incidents/incident-markers.ts';
import { bulkSendSelection, FIRST_CONTACT_EMAIL, NO_CONTACT, whereAll } from './bulk-send-selection.ts';

const LISTED_WITHOUT_CONTACT = 100;

/** Credentials (alias c) whose link goes to this address: found through the contact email index, then checked to be their first contact's. */
const credentialsOf = (email: string) => Prisma.sql`c.id IN (SELECT cc."credentialId" FROM "CredentialContact" cc JOIN "Contact" ct ON ct.id = cc."contactId" WHERE ct.email = ${email})
  AND ${FIRST_CONTACT_EMAIL} = ${email}`;

/** How many would get a link, by institution, how many people that is and the email the one with the most would get; who has no contact (listed); who was emailed today; which institutions are failing. */
export async function previewBulkSend(actor: Actor, flow: LinkFlow, filters: Partial<CredentialFilters>, options: { db?: Db; now?: Date } = {}): Promise<BulkSendPreview> {
  assertCan(actor, 'links.bulkSend');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const conditions = await bulkSendSelection(db, actor, flow, filters, now);
  if (!conditions) return { flow, total: 0, withoutContact: 0, emailedRecently: 0, people: 0, sampleEmail: null, byInstitution: [], withoutContactListed: [], incidents: [] };
  const emailedRecently = Prisma.sql`EXISTS (SELECT 1 FROM "Link" l JOIN "OutboxEmailLink" el ON el."linkId" = l.id JOIN "OutboxEmail" e ON e.id = el."emailId"
    WHERE l."credentialId" = c.id AND l.flow = ${flow} AND e."createdAt" > ${new Date(now.getTime() - EMAIL_COOLDOWN_MS)} AND e.state NOT IN ('FAILED', 'CANCELLED'))`;
  const [groups, listed, [recipients]] = await Promise.all([
    queryRows<{ id: string; name: string; n: number; noContact: number; recent: number }>(db, Prisma.sql`
      SELECT c."institutionId" AS id, i.name AS name, COUNT(*) AS n,
        SUM(CASE WHEN ${NO_CONTACT} THEN 1 ELSE 0 END) AS "noContact",
        SUM(CASE WHEN ${emailedRecently} THEN 1 ELSE 0 END) AS recent
      FROM "Credential" c JOIN "Institution" i ON i.id = c."institutionId"
      WHERE ${whereAll(conditions)}
      GROUP BY c."institutionId", i.name ORDER BY n DESC, i.name`),
    queryRows<{ token: string; institution: string }>(db, Prisma.sql`
      SELECT c.token, i.name AS institution FROM "Credential" c JOIN "Institution" i ON i.id = c."institutionId"
      WHERE ${whereAll([...conditions, NO_CONTACT])} ORDER BY c.id LIMIT ${LISTED_WITHOUT_CONTACT}`),
    // One email per person: how many people the credentials to be emailed are, and the one with the most.
    queryRows<{ email: string; n: number; people: number }>(db, Prisma.sql`
      SELECT t.email, COUNT(*) AS n, COUNT(*) OVER () AS people
      FROM (SELECT ${FIRST_CONTACT_EMAIL} AS email FROM "Credential" c WHERE ${whereAll([...conditions, Prisma.sql`NOT ${emailedRecently}`])}) t
      WHERE t.email IS NOT NULL GROUP BY t.email ORDER BY n DESC, t.email LIMIT 1`),
  ]);
  // The email that person would get, as they will see it: one button per credential.
  const sample = recipients
    ? await queryRows<{ institutionName: string }>(db, Prisma.sql`
        SELECT i.name AS "institutionName" FROM "Credential" c JOIN "Institution" i ON i.id = c."institutionId"
        WHERE ${whereAll([...conditions, Prisma.sql`NOT ${emailedRecently}`, credentialsOf(recipients.email)])} ORDER BY c.id LIMIT ${MAX_LINKS_PER_EMAIL}`)
    : [];
  const byInstitution = groups.map((g) => ({ id: g.id, name: g.name, count: g.n, withoutContact: g.noContact, emailedRecently: g.recent }));
  const sum = (key: 'count' | 'withoutContact' | 'emailedRecently') => byInstitution.reduce((total, g) => total + g[key], 0);
  return {
    flow,
    total: sum('count'),
    withoutContact: sum('withoutContact'),
    emailedRecently: sum('emailedRecently'),
    people: Number(recipients?.people ?? 0),
    sampleEmail: recipients
      ? {
          to: can(actor, 'contacts.readUnmasked') ? recipients.email : maskEmail(recipients.email),
          credentials: Number(recipients.n),
          ...(await previewPersonEmail(db, recipients.email, sample.map((l) => ({ flow, institutionName: l.institutionName })), now)),
        }
      : null,
    byInstitution,
    withoutContactListed: listed,
    incidents: byInstitution.length ? await openIncidentsFor(db, byInstitution.map((g) => g.id)) : [],
  };
}
