import 'server-only';
import nodemailer from 'nodemailer';
import { env } from '@/server/env.ts';
import { isPermanentFailure } from './delivery-retries.ts';

export interface OutgoingEmail {
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
  /** smtp: handed to a mail server. mailbox: the embedded default, where the delivered outbox row is the email. */
  readonly kind: 'smtp' | 'mailbox';
  send(email: OutgoingEmail): Promise<void>;
}

export function smtpTransport(url: string, from: string): EmailTransport {
  const transporter = nodemailer.createTransport(url, { from });
  return {
    kind: 'smtp',
    async send(email) {
      try {
        await transporter.sendMail(email);
      } catch (error) {
        const { responseCode, message } = error as { responseCode?: number; message?: string };
        throw new DeliveryError(message ?? String(error), isPermanentFailure(responseCode));
      }
    },
  };
}

export const mailboxTransport: EmailTransport = { kind: 'mailbox', send: async () => {} };

let configured: EmailTransport | undefined;

/** SMTP when SMTP_URL is set, the built-in mailbox otherwise. */
export function configuredTransport(): EmailTransport {
  configured ??= env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.EMAIL_FROM) : mailboxTransport;
  return configured;
}
