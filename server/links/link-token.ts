import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { sealedBox } from '@/server/crypto/sealed-box.ts';

// 256 random bits, URL-safe: unguessable, and short enough for an email client not to wrap it.
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newLinkToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What links are looked up by. With the token only kept encrypted, a copy of the database is no working link. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Anything else in the URL is not one of ours: answered as "unknown" without a database lookup. */
export function looksLikeLinkToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

// Kept encrypted beside the hash so a reminder can carry the same link; the hash stays the lookup.
const linkTokens = sealedBox('CredOps link token');
export const sealLinkToken = (token: string): string => linkTokens.seal(token);
export const openLinkToken = (sealed: string): string => linkTokens.open(sealed);
