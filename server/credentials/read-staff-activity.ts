import 'server-only';
import { maskEmail } from '@/lib/domain/mask-email.ts';
import { can, type Actor } from '@/lib/domain/permissions.ts';
import type { TimelineEvent } from '@/lib/schemas/credentials.ts';
import type { Db } from '@/server/db/client.ts';

const STAFF_ACTIONS = ['credential.changeOwner', 'credential.editNotes', 'credential.addContact', 'credential.removeContact'] as const;

/**
 * What staff did to one credential, from the audit log, as timeline events: who changed its owner,
 * edited its notes, added or removed a contact. Link events come from the links themselves. Names are
 * today's (a renamed user or contact shows their current name); contact addresses are masked for
 * roles that read them masked.
 */
export async function readStaffActivity(db: Db, actor: Actor, token: string, limit: number): Promise<TimelineEvent[]> {
  const events = await db.auditEvent.findMany({
    where: { targetType: 'credential', targetId: token, action: { in: [...STAFF_ACTIONS] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: { action: true, actorEmail: true, details: true, createdAt: true, actor: { select: { name: true } } },
  });
  const parsed = events.map((e) => ({ ...e, data: (e.details ? JSON.parse(e.details) : {}) as { from?: string | null; to?: string | null; contactId?: number; assignment?: string } }));
  const userIds = [...new Set(parsed.flatMap((e) => (e.action === 'credential.changeOwner' ? [e.data.from, e.data.to] : [])).filter((id): id is string => Boolean(id)))];
  const contactIds = [...new Set(parsed.map((e) => e.data.contactId).filter((id): id is number => typeof id === 'number'))];
  const [users, contacts] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    contactIds.length ? db.contact.findMany({ where: { id: { in: contactIds } }, select: { id: true, name: true, email: true } }) : [],
  ]);
  const userName = (id: string | null | undefined) => (id ? (users.find((u) => u.id === id)?.name ?? 'a former user') : 'nobody');
  const unmasked = can(actor, 'contacts.readUnmasked');
  const contactName = (id: number | undefined) => {
    const contact = contacts.find((c) => c.id === id);
    return contact ? `${contact.name} (${unmasked ? contact.email : maskEmail(contact.email)})` : 'a contact';
  };
  const did = (e: (typeof parsed)[number]): string => {
    switch (e.action) {
      case 'credential.changeOwner':
        return `${e.data.assignment ? 'assigned it, with others,' : 'changed the owner'} from ${userName(e.data.from)} to ${userName(e.data.to)}`;
      case 'credential.editNotes':
        return 'edited the notes';
      case 'credential.addContact':
        return `added contact ${contactName(e.data.contactId)}`;
      default:
        return `removed contact ${contactName(e.data.contactId)}`;
    }
  };
  return parsed.map((e) => ({
    kind: 'staff' as const,
    observedAt: e.createdAt.toISOString(),
    flanksUpdatedAt: null,
    staff: { who: e.actor?.name ?? e.actorEmail, did: did(e) },
  }));
}
