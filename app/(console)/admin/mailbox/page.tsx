import type { Metadata } from 'next';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { configuredTransport } from '@/server/email/email-transport.ts';
import { listMailbox } from '@/server/email/list-mailbox.ts';
import { Time } from '@/components/ui/time.tsx';

export const metadata: Metadata = { title: 'Mailbox' };

const URL_IN_TEXT = /(https?:\/\/[^\s]+)/g;

/** Plain text with its links clickable, so a demo can follow the email as its recipient would. */
function TextWithLinks({ text }: { text: string }) {
  return text.split(URL_IN_TEXT).map((part, i) => (i % 2 === 1 ? <a key={i} href={part} className="break-all text-blue-700 underline">{part}</a> : part));
}

export default async function MailboxPage() {
  const actor = await requirePermission('mailbox.read');
  if (configuredTransport().kind !== 'mailbox') {
    return <p className="text-sm">There is no built-in mailbox: SMTP_URL is set, so emails go to the mail server.</p>;
  }
  const { items } = await listMailbox(actor);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Mailbox</h1>
        <p className="text-sm text-slate-600">Every email CredOps delivered, newest first. In the embedded default (no SMTP_URL), emails land here instead of a mail server.</p>
      </div>
      {items.length === 0 && <p className="text-sm text-slate-600">No email yet.</p>}
      <ul className="space-y-3">
        {items.map((email, i) => (
          <li key={i} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="mailbox-email">
            <p className="font-semibold">{email.subject}</p>
            <p className="text-xs text-slate-500">To {email.to} · <Time iso={email.sentAt} display="exact" /></p>
            <pre className="mt-2 whitespace-pre-wrap font-sans text-slate-800"><TextWithLinks text={email.text} /></pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
