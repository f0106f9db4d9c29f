import 'server-only';
import { linkViewAt, type LinkFlow, type LinkView } from '@/lib/domain/link-rules.ts';
import { findLinkByToken, type EndUserLinkOptions } from './find-link-by-token.ts';

export type LinkPage =
  | { found: false }
  | { found: true; state: LinkView; flow: LinkFlow; institutionName: string; expiresAt: Date; failureCode: string | null };

/** What the link page shows. Reading it changes nothing: mail scanners open every link they see. */
export async function readLinkPage(token: string, options: EndUserLinkOptions = {}): Promise<LinkPage> {
  const link = await findLinkByToken(token, options.db);
  if (!link) return { found: false };
  return {
    found: true,
    state: linkViewAt(link, options.now ?? new Date()),
    flow: link.flow as LinkFlow,
    institutionName: link.credential.institution.name,
    expiresAt: link.expiresAt,
    failureCode: link.failureCode,
  };
}
