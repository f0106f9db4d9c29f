import 'server-only';
import type { EmailTransport, OutgoingEmail } from '@/server/email/email-transport.ts';

/** A mailbox-kind transport that remembers what it was handed, for tests that count emails. */
export function recordingTransport(): EmailTransport & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return { kind: 'mailbox', sent, send: async (email) => void sent.push(email) };
}
