import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

// 256 random bits, URL-safe: unguessable, and short enough for an email client not to wrap it.
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newLinkToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Only the hash is stored: a copy of the database cannot be turned into working links. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Anything else in the URL is not one of ours: answered as "unknown" without a database lookup. */
export function looksLikeLinkToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
