import 'server-only';
import { createTranslator } from 'use-intl/core';
import { composeGroupedEmail, composeLinkEmail, type RenderedEmail } from '@/lib/domain/link-email.ts';
import { fillTemplate, paragraphsOf, type EmailTemplate } from '@/lib/domain/email-template.ts';
import { isLanguage, type Language } from '@/lib/domain/languages.ts';
import { env } from '@/server/env.ts';
import type { LinkFlow } from '@/lib/domain/link-rules.ts';
import ca from './messages/ca.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };

// What end users read, one catalogue per language: ICU messages, formatted by use-intl (next-intl's
// framework-free core, so emails render the same in a worker as in a page). Staff pages stay English.
const MESSAGES = { en, es, ca } satisfies Record<Language, typeof en>;

export interface RecipientLocale {
  language: Language;
  timeZone: string;
}

/** What a link to this recipient is written in, and whose clock it follows: the contact's, else the company's defaults. */
export function recipientLocale(contact: { language: string | null; timeZone: string | null } | null): RecipientLocale {
  return {
    language: contact?.language && isLanguage(contact.language) ? contact.language : env.DEFAULT_LANGUAGE,
    timeZone: contact?.timeZone ?? env.DEFAULT_TIME_ZONE,
  };
}

/** A stored link's language, read back (links store one of LANGUAGES). */
export const storedLanguage = (value: string): Language => (isLanguage(value) ? value : env.DEFAULT_LANGUAGE);

type EndUserNamespace = 'linkEmail' | 'linkPage';
// A translator parses its messages and builds its date formats on first use: kept per language,
// clock and namespace, a batch of reminders renders each email in microseconds (docs/BENCHMARKS.md).
const translators = new Map<string, unknown>();

export function endUserTranslator<N extends EndUserNamespace>(language: Language, timeZone: string, namespace: N) {
  const key = `${language}|${timeZone}|${namespace}`;
  // English dates read as the staff pages write them, day first ("1 June 2026").
  const make = () => createTranslator({ locale: language === 'en' ? 'en-GB' : language, messages: MESSAGES[language], namespace, timeZone });
  let translator = translators.get(key) as ReturnType<typeof make> | undefined;
  if (!translator) translators.set(key, (translator = make()));
  return translator;
}

export interface LinkEmailInput {
  flow: LinkFlow;
  institutionName: string;
  contactName: string | null;
  url: string;
  expiresAt: Date;
  language: Language;
  timeZone: string;
  /** For a reminder: when the link was first sent. */
  remindingOf?: Date;
  /** The Admin's wording for this flow and language, instead of the catalogue's. */
  template?: EmailTemplate | null;
}

export function renderLinkEmail(input: LinkEmailInput): RenderedEmail {
  const t = endUserTranslator(input.language, input.timeZone, 'linkEmail');
  const institution = input.institutionName;
  const greeting = input.contactName ? t('greetingNamed', { name: input.contactName }) : t('greeting');
  const intro = input.remindingOf ? t('reminderIntro', { sentAt: input.remindingOf, institution }) : null;
  let subject: string;
  let paragraphs: string[];
  if (input.template) {
    const values = { greeting, name: input.contactName ?? '', institution, expiresAt: t('expiryDate', { expiresAt: input.expiresAt }) };
    subject = fillTemplate(input.template.subject, values);
    const body = paragraphsOf(fillTemplate(input.template.body, values));
    // A reminder's line goes after the opening paragraph, which is the greeting in most templates.
    paragraphs = intro ? [...body.slice(0, 1), intro, ...body.slice(1)] : body;
  } else {
    subject = t(`subject.${input.flow}`, { institution });
    paragraphs = [greeting, ...(intro ? [intro] : []), t(`why.${input.flow}`, { institution })];
  }
  return composeLinkEmail(
    {
      subject: intro ? t('reminderSubject', { subject }) : subject,
      paragraphs,
      action: t(`action.${input.flow}`),
      until: t('until', { expiresAt: input.expiresAt }),
    },
    input.url,
    input.language,
  );
}

/** The catalogue's wording of a flow's email in a language, as a template: what an Admin starts editing from. */
export function defaultTemplate(flow: LinkFlow, language: Language): EmailTemplate {
  const t = endUserTranslator(language, 'UTC', 'linkEmail');
  const institution = '{institution}';
  return { subject: t(`subject.${flow}`, { institution }), body: `{greeting}\n\n${t(`why.${flow}`, { institution })}` };
}

export interface GroupedLinkEmailInput {
  contactName: string | null;
  language: Language;
  timeZone: string;
  links: { flow: LinkFlow; institutionName: string; url: string; expiresAt: Date }[];
  /** For a reminder: when the earliest of these links was first sent. */
  remindingOf?: Date;
  /** The Admin's wording for the one link's flow and language, when there is one link (several use the catalogue's). */
  template?: EmailTemplate | null;
}

/**
 * The one email a person gets about several credentials: each institution with why it needs them and
 * its own button. A single link is the ordinary link email.
 */
export function renderGroupedLinkEmail(input: GroupedLinkEmailInput): RenderedEmail {
  const { links, language, timeZone, remindingOf } = input;
  if (links.length === 1) return renderLinkEmail({ ...links[0], contactName: input.contactName, language, timeZone, remindingOf, template: input.template });
  const t = endUserTranslator(language, timeZone, 'linkEmail');
  const subject = t('groupSubject', { count: links.length });
  return composeGroupedEmail(
    {
      subject: remindingOf ? t('reminderSubject', { subject }) : subject,
      greeting: input.contactName ? t('greetingNamed', { name: input.contactName }) : t('greeting'),
      intro: remindingOf ? t('groupReminderIntro', { sentAt: remindingOf }) : t('groupIntro'),
      sections: links.map((link) => ({
        heading: link.institutionName,
        why: t(`why.${link.flow}`, { institution: link.institutionName }),
        action: t(`action.${link.flow}`),
        url: link.url,
        until: t('sectionUntil', { expiresAt: link.expiresAt }),
      })),
      footer: t('footer'),
    },
    language,
  );
}
