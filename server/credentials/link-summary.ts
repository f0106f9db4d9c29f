import 'server-only';
import type { LinkDeliveryState, LinkSummary } from '@/lib/schemas/links.ts';
import { can, type Actor } from '@/lib/domain/permissions.ts';
import { maskEmail, maskEmailsIn } from '@/lib/domain/mask-email.ts';
import { linkViewAt } from '@/lib/domain/link-rules.ts';

/** What every read of a link loads with it: who sent it and its latest email. */
export const LINK_SUMMARY_INCLUDE = {
  sender: { select: { name: true } },
  carriedBy: { orderBy: { emailId: 'desc' as const }, take: 1, select: { email: { select: { state: true, attempts: true, lastError: true, sentAt: true, nextAttemptAt: true } } } },
};

interface LinkRow {
  id: string;
  flow: string;
  state: string;
  recipientEmail: string;
  createdAt: Date;
  expiresAt: Date;
  lastSentAt: Date;
  openedAt: Date | null;
  completedAt: Date | null;
  revokedAt: Date | null;
  failureCode: string | null;
  language: string;
  remindersEnabled: boolean;
  remindersSent: number;
  nextReminderAt: Date | null;
  sender: { name: string };
  carriedBy: { email: { state: string; attempts: number; lastError: string | null; sentAt: Date | null; nextAttemptAt: Date } }[];
}

export function toLinkSummary(row: LinkRow, actor: Actor, now: Date): LinkSummary {
  const email = row.carriedBy[0]?.email;
  const unmasked = can(actor, 'contacts.readUnmasked');
  return {
    id: row.id,
    flow: row.flow as LinkSummary['flow'],
    state: linkViewAt(row, now),
    recipientEmail: unmasked ? row.recipientEmail : maskEmail(row.recipientEmail),
    sender: row.sender.name,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastSentAt: row.lastSentAt.toISOString(),
    openedAt: row.openedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    failureCode: row.failureCode,
    language: row.language,
    reminders: { enabled: row.remindersEnabled, sent: row.remindersSent, nextAt: row.state === 'SENT' ? (row.nextReminderAt?.toISOString() ?? null) : null },
    delivery: email
      ? {
          state: email.state as LinkDeliveryState,
          attempts: email.attempts,
          // A mail server's refusal often repeats the recipient's address.
          lastError: unmasked || !email.lastError ? email.lastError : maskEmailsIn(email.lastError),
          sentAt: email.sentAt?.toISOString() ?? null,
          nextAttemptAt: email.nextAttemptAt.toISOString(),
        }
      : null,
  };
}
