// Link emails an Admin rewrites, per flow and language: a subject and a body of plain text with a
// few placeholders. Staff text never becomes markup: it is filled in as text and escaped into the
// HTML with the rest of the email (link-email.ts). The button, its link and the expiry line stay
// CredOps' own, so an edited email still carries a working link and says until when.

export const TEMPLATE_PLACEHOLDERS = {
  greeting: 'the greeting in the recipient’s language, with their name when we have it',
  name: 'the contact’s name (empty when we have none)',
  institution: 'the institution’s name',
  expiresAt: 'the day the link expires, in the recipient’s language',
} as const;
export type TemplatePlaceholder = keyof typeof TEMPLATE_PLACEHOLDERS;

export interface EmailTemplate {
  subject: string;
  body: string;
}

const PLACEHOLDER = /\{([^{}\s]*)\}/g;

/** What is wrong with a template's text, or null: every {word} in it must be a known placeholder. */
export function templateProblem(template: EmailTemplate): string | null {
  const unknown = new Set<string>();
  for (const text of [template.subject, template.body]) for (const [, name] of text.matchAll(PLACEHOLDER)) if (!(name in TEMPLATE_PLACEHOLDERS)) unknown.add(`{${name}}`);
  if (unknown.size === 0) return null;
  const known = Object.keys(TEMPLATE_PLACEHOLDERS).map((p) => `{${p}}`).join(', ');
  return `Unknown placeholder${unknown.size > 1 ? 's' : ''} ${[...unknown].join(', ')}: use ${known}.`;
}

/** The text with each placeholder replaced by its value, as text (escaping is the email's, later). */
export function fillTemplate(text: string, values: Record<TemplatePlaceholder, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as TemplatePlaceholder] : whole));
}

/** A body's paragraphs: separated by blank lines, each trimmed, none empty. */
export const paragraphsOf = (body: string): string[] =>
  body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
