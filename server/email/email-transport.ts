import 'server-only';
import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js';
import { env } from '@/server/env.ts';
import { isPermanentFailure } from './delivery-retries.ts';

// nodemailer waits up to 10 minutes for a silent server, and all that time the outbox keeps the email
// claimed (deliver-outbox.ts) and its pass stuck. The SMTP URL's query (?socketTimeout=…) overrides.
const HAND_OVER_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

export interface OutgoingEmail {
  /** The same on every attempt at one email: SMTP makes its Message-ID of it, so a receiver can drop a repeat. */
  messageKey: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** A failed hand-over; `permanent` when retrying cannot help (the server refused this email for good). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface EmailTransport {
  /** smtp: handed to a mail server. mailbox: the embedded default, where the delivered outbox row is the email (no Message-ID). */
  readonly kind: 'smtp' | 'mailbox';
  send(email: OutgoingEmail): Promise<void>;
}

export function smtpTransport(url: string, from: string): EmailTransport {
  const transporter = nodemailer.createTransport({ ...HAND_OVER_TIMEOUTS, ...parseConnectionUrl(url) }, { from });
  const domain = domainOf(from);
  return {
    kind: 'smtp',
    async send({ messageKey, ...email }) {
      try {
        await transporter.sendMail({ ...email, messageId: `<${messageKey}@${domain}>` });
      } catch (error) {
        const { responseCode, message } = error as { responseCode?: number; message?: string };
        throw new DeliveryError(message ?? String(error), isPermanentFailure(responseCode));
      }
    },
  };
}

/** The sender's domain, as nodemailer takes it for the Message-IDs it makes itself. */
function domainOf(from: string): string {
  const [first] = addressparser(from, { flatten: true });
  return first?.address.split('@').pop() || 'localhost';
}

export const mailboxTransport: EmailTransport = { kind: 'mailbox', send: async () => {} };

let configured: EmailTransport | undefined;

/** SMTP when SMTP_URL is set, the built-in mailbox otherwise. */
export function configuredTransport(): EmailTransport {
  configured ??= env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.EMAIL_FROM) : mailboxTransport;
  return configured;
}
