import 'server-only';
// When an email that could not be delivered is tried again: exponential from 30 s, capped at an hour,
// with jitter so a recovering mail server is not hit by every waiting email at the same instant.
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 3_600_000;
/** After this many failed attempts (about a day) the email is given up and staff are told. */
export const MAX_DELIVERY_ATTEMPTS = 30;

export function retryDelayMs(attemptsSoFar: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attemptsSoFar - 1), LONGEST_WAIT_MS);
  return Math.round(base * (0.75 + random() * 0.5));
}

/** SMTP 5xx means the server will never take this email (bad address, policy): retrying cannot help. */
export function isPermanentFailure(smtpResponseCode: number | undefined): boolean {
  return smtpResponseCode !== undefined && smtpResponseCode >= 500 && smtpResponseCode < 600;
}
