import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { templateProblem, type EmailTemplate } from '@/lib/domain/email-template.ts';
import { LANGUAGES, type Language } from '@/lib/domain/languages.ts';
import { LINK_FLOWS, type LinkFlow } from '@/lib/domain/link-rules.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { emailTemplateParamsSchema, type EmailTemplateInput, type EmailTemplateView } from '@/lib/schemas/email-templates.ts';
import type { LinkEmailPreview } from '@/lib/schemas/links.ts';
import { expiryFrom } from '@/lib/domain/link-rules.ts';
import { env, publicUrl } from '@/server/env.ts';
import { PREVIEW_LINK_PATH } from '@/lib/domain/link-email.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb, type Db, type Tx } from '@/server/db/client.ts';
import { defaultTemplate, renderLinkEmail } from '@/server/i18n/end-user-copy.ts';

// The link email's wording per flow and language: the catalogue's, unless an Admin rewrote it.

const keyOf = (flow: string, language: string) => `${flow}|${language}`;

/** Every Admin-written template, by flow and language: read once per batch of emails. */
export async function readEmailTemplates(db: Db | Tx): Promise<(flow: string, language: string) => EmailTemplate | null> {
  const rows = await db.emailTemplate.findMany({ select: { flow: true, language: true, subject: true, body: true } });
  const byKey = new Map(rows.map((r) => [keyOf(r.flow, r.language), { subject: r.subject, body: r.body }]));
  return (flow, language) => byKey.get(keyOf(flow, language)) ?? null;
}

/** The Admin's template for one flow and language, or null for the catalogue's. */
export async function readEmailTemplate(db: Db | Tx, flow: string, language: string): Promise<EmailTemplate | null> {
  return db.emailTemplate.findUnique({ where: { flow_language: { flow, language } }, select: { subject: true, body: true } });
}

/** Each flow and language with the wording in force, whether it is the catalogue's, and the catalogue's to go back to. */
export async function listEmailTemplates(actor: Actor, options: { db?: Db } = {}): Promise<EmailTemplateView[]> {
  assertCan(actor, 'settings.manage');
  const db = options.db ?? defaultDb;
  const rows = await db.emailTemplate.findMany();
  return LINK_FLOWS.flatMap((flow) =>
    LANGUAGES.map((language) => {
      const row = rows.find((r) => r.flow === flow && r.language === language);
      const fallback = defaultTemplate(flow, language);
      return { flow, language, subject: row?.subject ?? fallback.subject, body: row?.body ?? fallback.body, edited: row !== undefined, updatedAt: row?.updatedAt.toISOString() ?? null, default: fallback };
    }),
  );
}

/**
 * Saves an Admin's wording for a flow and language: refused with the reason when it names an unknown
 * placeholder. Audited with the old and new text; saving the text in force changes nothing.
 */
export async function setEmailTemplate(actor: Actor, flow: LinkFlow, language: Language, input: EmailTemplateInput, options: { db?: Db; now?: Date; ip?: string | null } = {}): Promise<EmailTemplateView> {
  assertCan(actor, 'settings.manage');
  const problem = templateProblem(input);
  if (problem) throw new AppError('BAD_REQUEST', problem);
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  await db.$transaction(async (tx) => {
    const before = await readEmailTemplate(tx, flow, language);
    if (before && before.subject === input.subject && before.body === input.body) return;
    const row = { subject: input.subject, body: input.body, updatedAt: now, updatedById: actor.id };
    await tx.emailTemplate.upsert({ where: { flow_language: { flow, language } }, create: { flow, language, ...row }, update: row });
    await recordAuditEvent(tx, { actor, action: 'emailTemplate.update', target: { type: 'emailTemplate', id: keyOf(flow, language) }, details: { flow, language, from: before, to: input }, ip: options.ip });
  });
  return (await listEmailTemplates(actor, { db })).find((t) => t.flow === flow && t.language === language)!;
}

/** Back to the catalogue's wording. Resetting a template that was never edited changes nothing. */
export async function resetEmailTemplate(actor: Actor, flow: LinkFlow, language: Language, options: { db?: Db; ip?: string | null } = {}): Promise<EmailTemplateView> {
  assertCan(actor, 'settings.manage');
  const db = options.db ?? defaultDb;
  await db.$transaction(async (tx) => {
    const before = await readEmailTemplate(tx, flow, language);
    if (!before) return;
    await tx.emailTemplate.delete({ where: { flow_language: { flow, language } } });
    await recordAuditEvent(tx, { actor, action: 'emailTemplate.reset', target: { type: 'emailTemplate', id: keyOf(flow, language) }, details: { flow, language, from: before }, ip: options.ip });
  });
  return (await listEmailTemplates(actor, { db })).find((t) => t.flow === flow && t.language === language)!;
}

/** The flow and language a template route's path names; an unknown one is no template (404). */
export function templateSlot(params: Record<string, unknown>): { flow: LinkFlow; language: Language } {
  const parsed = emailTemplateParamsSchema.safeParse(params);
  if (!parsed.success) throw new AppError('NOT_FOUND', `There is no email template for this flow and language: flows are ${LINK_FLOWS.join(', ')}, languages ${LANGUAGES.join(', ')}.`);
  return parsed.data;
}

const SAMPLE = { institutionName: 'Banco Ejemplo', contactName: 'Lucía García' };

/** The email a template would write, before it is saved: for a sample institution and contact, in its language. */
export function previewEmailTemplate(actor: Actor, input: EmailTemplateInput & { flow: LinkFlow; language: Language }, options: { now?: Date } = {}): LinkEmailPreview {
  assertCan(actor, 'settings.manage');
  const problem = templateProblem(input);
  if (problem) throw new AppError('BAD_REQUEST', problem);
  const locale = { language: input.language, timeZone: env.DEFAULT_TIME_ZONE };
  const rendered = renderLinkEmail({
    flow: input.flow,
    ...SAMPLE,
    url: `${publicUrl()}${PREVIEW_LINK_PATH}`,
    expiresAt: expiryFrom(options.now ?? new Date(), env.LINK_EXPIRY_DAYS),
    ...locale,
    template: { subject: input.subject, body: input.body },
  });
  return { ...locale, ...rendered };
}
