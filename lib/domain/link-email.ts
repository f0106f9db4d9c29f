// The email an end user receives, assembled from copy already written in their language
// (server/i18n). It names the institution and what to do, carries the CredOps link page URL and
// nothing secret besides it: never a password, never a Flanks token. Every piece of copy is
// escaped into the HTML, so nothing in an institution's or contact's name becomes markup.

export interface LinkEmailCopy {
  subject: string;
  greeting: string;
  /** A reminder's first line: when we first wrote. */
  intro?: string;
  why: string;
  action: string;
  until: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const BUTTON_STYLE = 'display:inline-block;padding:10px 18px;border-radius:6px;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:600';

export function composeLinkEmail(copy: LinkEmailCopy, url: string, language: string): RenderedEmail {
  const paragraphs = [copy.greeting, ...(copy.intro ? [copy.intro] : []), copy.why];
  const text = [...paragraphs.flatMap((p) => [p, '']), `${copy.action}: ${url}`, '', copy.until].join('\n');
  const html = [
    `<!doctype html><html lang="${escapeHtml(language)}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(url)}" style="${BUTTON_STYLE}">${escapeHtml(copy.action)}</a></p>`,
    `<p style="color:#475569;font-size:13px">${escapeHtml(copy.until)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: copy.subject, text, html };
}
