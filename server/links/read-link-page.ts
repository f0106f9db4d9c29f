import 'server-only';
import { cache } from 'react';
import type { Language } from '@/lib/domain/languages.ts';
import { linkViewAt, type LinkFlow, type LinkView } from '@/lib/domain/link-rules.ts';
import { env } from '@/server/env.ts';
import { storedLanguage } from '@/server/i18n/end-user-copy.ts';
import { findLinkByToken, type EndUserLinkOptions } from './find-link-by-token.ts';

export type LinkPage = { language: Language; timeZone: string } & (
  | { found: false }
  | { found: true; state: LinkView; flow: LinkFlow; institutionName: string; expiresAt: Date; failureCode: string | null }
);

/** What the link page shows, in the link's language. Reading it changes nothing: mail scanners open every link they see. */
export async function readLinkPage(token: string, options: EndUserLinkOptions = {}): Promise<LinkPage> {
  const link = await findLinkByToken(token, options.db);
  if (!link) return { found: false, language: env.DEFAULT_LANGUAGE, timeZone: env.DEFAULT_TIME_ZONE };
  return {
    found: true,
    language: storedLanguage(link.language),
    timeZone: link.timeZone,
    state: linkViewAt(link, options.now ?? new Date()),
    flow: link.flow as LinkFlow,
    institutionName: link.credential.institution.name,
    expiresAt: link.expiresAt,
    failureCode: link.failureCode,
  };
}

/** The page, read once per request: the root layout needs its language for <html lang>, the page the rest. */
export const readLinkPageOnce = cache((token: string) => readLinkPage(token));

const LINK_PAGE_PATH = /^\/l\/([^/]+)\/?$/;

/** The language of the document at this path: a link page's is its link's; every staff page is English. */
export async function documentLanguage(pathname: string | null): Promise<Language> {
  const token = pathname ? LINK_PAGE_PATH.exec(pathname)?.[1] : undefined;
  if (!token) return 'en';
  return (await readLinkPageOnce(decodeURIComponent(token))).language;
}
