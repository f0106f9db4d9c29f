import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { expiryFrom } from '@/lib/domain/link-rules.ts';
import { PREVIEW_LINK_PATH } from '@/lib/domain/link-email.ts';
import type { LinkEmailPreview } from '@/lib/schemas/links.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { env, publicUrl } from '@/server/env.ts';
import { recipientLocale, renderGroupedLinkEmail, renderLinkEmail } from '@/server/i18n/end-user-copy.ts';
import type { LinkFlow } from '@/lib/domain/link-rules.ts';
import { readEmailTemplate } from '@/server/email-templates/email-templates.ts';


/**
 * The email a send to this recipient would write, as they will see it: in their language, with
 * their greeting and the expiry day on their clock. Nothing is written.
 */
export async function previewLinkEmail(actor: Actor, token: string, input: { flow: 'SCA' | 'RESET'; email: string }, options: { db?: Db; now?: Date } = {}): Promise<LinkEmailPreview> {
  assertCan(actor, 'links.send');
  const db = options.db ?? defaultDb;
  const credential = await db.credential.findUnique({
    where: { token },
    select: { institution: { select: { name: true } }, contacts: { where: { contact: { email: input.email } }, take: 1, select: { contact: { select: { name: true, language: true, timeZone: true } } } } },
  });
  if (!credential) throw new AppError('NOT_FOUND', 'No credential has this token.');
  const contact = credential.contacts[0]?.contact ?? null;
  const locale = recipientLocale(contact);
  const rendered = renderLinkEmail({
    flow: input.flow,
    institutionName: credential.institution.name,
    contactName: contact?.name ?? null,
    url: `${publicUrl()}${PREVIEW_LINK_PATH}`,
    expiresAt: expiryFrom(options.now ?? new Date(), env.LINK_EXPIRY_DAYS),
    ...locale,
    template: await readEmailTemplate(db, input.flow, locale.language),
  });
  return { ...locale, ...rendered };
}

/**
 * The one email a person would get about several credentials (a bulk send's), as they will see it:
 * in their language, on their clock, each institution with its button. Nothing is written.
 */
export async function previewPersonEmail(db: Db, email: string, links: { flow: LinkFlow; institutionName: string }[], now: Date): Promise<LinkEmailPreview> {
  const contact = await db.contact.findFirst({ where: { email }, orderBy: { id: 'asc' }, select: { name: true, language: true, timeZone: true } });
  const locale = recipientLocale(contact);
  const expiresAt = expiryFrom(now, env.LINK_EXPIRY_DAYS);
  const rendered = renderGroupedLinkEmail({
    contactName: contact?.name ?? null,
    ...locale,
    links: links.map((link) => ({ ...link, url: `${publicUrl()}${PREVIEW_LINK_PATH}`, expiresAt })),
    template: links.length === 1 ? await readEmailTemplate(db, links[0].flow, locale.language) : null,
  });
  return { ...locale, ...rendered };
}
