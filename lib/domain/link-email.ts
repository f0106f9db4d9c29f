// The email an end user receives, assembled from copy already written in their language
// (server/i18n). It names the institution and what to do, carries the CredOps link page URL and
// nothing secret besides it: never a password, never a Flanks token. Every piece of copy is
// escaped into the HTML, so nothing in an institution's or contact's name becomes markup.
// A person with several credentials that need them gets one email listing each institution with its
// own button (its own single-use link), not one email per credential.

/** The placeholder for the link in a staff preview: the real one is only made, and seen, when the email is sent. */
export const PREVIEW_LINK_PATH = '/l/preview-the-link-is-created-when-you-send';

export interface LinkEmailCopy {
  subject: string;
  /** Greeting, why the credential needs them (and, in a reminder, when we first wrote): plain text. */
  paragraphs: string[];
  action: string;
  until: string;
}

/** One credential's part of an email about several: its institution, why it needs the person, and its own button. */
export interface LinkEmailSection {
  heading: string;
  why: string;
  action: string;
  url: string;
  until: string;
}

export interface GroupedEmailCopy {
  subject: string;
  greeting: string;
  intro: string;
  sections: LinkEmailSection[];
  footer: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const BUTTON_STYLE = 'display:inline-block;padding:10px 18px;border-radius:6px;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:600';
const SMALL_STYLE = 'color:#475569;font-size:13px';

const button = (url: string, label: string) => `<p><a href="${escapeHtml(url)}" style="${BUTTON_STYLE}">${escapeHtml(label)}</a></p>`;
// A line break an Admin typed inside a paragraph of a template stays a line break.
const paragraph = (text: string, style?: string) => `<p${style ? ` style="${style}"` : ''}>${escapeHtml(text).replace(/\r?\n/g, '<br>')}</p>`;
const page = (language: string, body: string[]) =>
  [
    `<!doctype html><html lang="${escapeHtml(language)}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">`,
    ...body,
    '</body></html>',
  ].join('\n');

export function composeLinkEmail(copy: LinkEmailCopy, url: string, language: string): RenderedEmail {
  const text = [...copy.paragraphs.flatMap((p) => [p, '']), `${copy.action}: ${url}`, '', copy.until].join('\n');
  const html = page(language, [...copy.paragraphs.map((p) => paragraph(p)), button(url, copy.action), paragraph(copy.until, SMALL_STYLE)]);
  return { subject: copy.subject, text, html };
}

export function composeGroupedEmail(copy: GroupedEmailCopy, language: string): RenderedEmail {
  const text = [
    copy.greeting,
    '',
    copy.intro,
    '',
    ...copy.sections.flatMap((s) => [s.heading, s.why, `${s.action}: ${s.url}`, s.until, '']),
    copy.footer,
  ].join('\n');
  const html = page(language, [
    paragraph(copy.greeting),
    paragraph(copy.intro),
    ...copy.sections.map((s) =>
      [
        '<div style="border-top:1px solid #e2e8f0;padding-top:8px;margin-top:16px">',
        `<h2 style="font-size:16px;margin:0 0 4px">${escapeHtml(s.heading)}</h2>`,
        paragraph(s.why),
        button(s.url, s.action),
        paragraph(s.until, SMALL_STYLE),
        '</div>',
      ].join('\n'),
    ),
    paragraph(copy.footer, SMALL_STYLE),
  ]);
  return { subject: copy.subject, text, html };
}

/** The address as one person: "Ana@Example.com " and "ana@example.com" are the same inbox. */
export const recipientKey = (email: string) => email.trim().toLowerCase();

// Past this many credentials an email stops being a short list: the person gets another one.
export const MAX_LINKS_PER_EMAIL = 10;

/**
 * Items grouped by the person they go to, in the order each person first appears, each group in its
 * own order and at most `maxPerGroup` long (a longer one is split in order).
 */
export function groupByRecipient<T>(items: readonly T[], recipientOf: (item: T) => string, maxPerGroup = MAX_LINKS_PER_EMAIL): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = recipientKey(recipientOf(item));
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()].flatMap((group) => Array.from({ length: Math.ceil(group.length / maxPerGroup) }, (_, i) => group.slice(i * maxPerGroup, (i + 1) * maxPerGroup)));
}
