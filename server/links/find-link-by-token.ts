import 'server-only';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { hashLinkToken, looksLikeLinkToken } from './link-token.ts';

// The end user's side of a link: the page the email points to, its "Continue", and Flanks' return.
// The end user is not signed in: holding the token is the authorisation, so only its hash is looked up.

export interface EndUserLinkOptions {
  db?: Db;
  now?: Date;
  ip?: string | null;
}

/** The link this token opens, with what its pages show; null for a token CredOps never issued. */
export async function findLinkByToken(token: string, db: Db = defaultDb) {
  if (!looksLikeLinkToken(token)) return null;
  return db.link.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    include: { credential: { select: { token: true, institution: { select: { name: true } } } } },
  });
}
