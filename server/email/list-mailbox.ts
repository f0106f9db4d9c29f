import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { configuredTransport, type EmailTransport } from './email-transport.ts';

export interface MailboxEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

const SHOWN = 100;

/** The embedded default's mailbox: every email CredOps delivered, newest first. */
export async function listMailbox(actor: Actor, options: { db?: Db; transport?: EmailTransport } = {}): Promise<{ items: MailboxEmail[] }> {
  assertCan(actor, 'mailbox.read');
  if ((options.transport ?? configuredTransport()).kind !== 'mailbox') {
    throw new AppError('NOT_FOUND', 'There is no built-in mailbox: SMTP_URL is set, so emails go to the mail server.');
  }
  const emails = await (options.db ?? defaultDb).outboxEmail.findMany({ where: { state: 'SENT' }, orderBy: [{ sentAt: 'desc' }, { id: 'desc' }], take: SHOWN });
  return { items: emails.map((e) => ({ to: e.to, subject: e.subject, text: e.text, html: e.html, sentAt: e.sentAt!.toISOString() })) };
}
