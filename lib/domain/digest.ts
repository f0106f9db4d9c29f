// The daily digest staff get by email: when it is due on their clock, and what it says. Staff read
// English; every figure and name is escaped into the HTML.
import { escapeHtml, type RenderedEmail } from './link-email.ts';

export const DIGEST_HOUR = 8;

/** The recipient's local day ("2026-12-01") once it is past DIGEST_HOUR there, else null: one digest per local day. */
export function digestDay(now: Date, timeZone: string): string | null {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return Number(part('hour')) >= DIGEST_HOUR ? `${part('year')}-${part('month')}-${part('day')}` : null;
}

export interface DigestLine {
  label: string;
  count: number;
  /** Where in the console the line's credentials are listed. */
  url: string;
}

export interface DigestSection {
  title: string;
  lines: DigestLine[];
  /** Free text lines (open incidents, worst institutions). */
  notes?: string[];
}

export function composeDigest(name: string, day: string, sections: DigestSection[]): RenderedEmail {
  const subject = `CredOps digest for ${day}`;
  const text = [
    `Good morning ${name},`,
    '',
    ...sections.flatMap((s) => [s.title, ...s.lines.map((l) => `- ${l.label}: ${l.count} (${l.url})`), ...(s.notes ?? []).map((n) => `- ${n}`), '']),
    'Turn this email off on your account page.',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="en"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">',
    `<p>Good morning ${escapeHtml(name)},</p>`,
    ...sections.map(
      (s) =>
        `<h2 style="font-size:16px">${escapeHtml(s.title)}</h2><ul>${s.lines.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>: <strong>${l.count}</strong></li>`).join('')}${(s.notes ?? []).map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`,
    ),
    '<p style="color:#475569;font-size:13px">Turn this email off on your account page.</p>',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
