// The email an end user receives. It names the institution and what to do, carries the CredOps link
// page URL and nothing secret besides it: never a password, never a Flanks token.
import { FLOW_LABEL, type LinkFlow } from './link-rules.ts';
import { formatDay } from './time.ts';

export interface LinkEmailInput {
  flow: LinkFlow;
  institutionName: string;
  url: string;
  expiresAt: Date;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderLinkEmail({ flow, institutionName, url, expiresAt }: LinkEmailInput): RenderedEmail {
  const why =
    flow === 'SCA'
      ? `${institutionName} asks you to confirm your identity again (strong customer authentication). Until you do, we cannot update your ${institutionName} data.`
      : `${institutionName} no longer accepts the login we have for you, for example because your password changed. Until you enter your current password, we cannot update your ${institutionName} data.`;
  const action = flow === 'SCA' ? 'Confirm access' : 'Update your password';
  const subject = flow === 'SCA' ? `Confirm access to your ${institutionName} account` : `Reconnect your ${institutionName} account`;
  const until = `This link works once and expires on ${formatDay(expiresAt)} (UTC). If you did not expect this email, ignore it.`;
  const text = [
    'Hello,',
    '',
    why,
    '',
    `${action} (${FLOW_LABEL[flow]} link): ${url}`,
    '',
    until,
  ].join('\n');
  const html = [
    '<p>Hello,</p>',
    `<p>${escapeHtml(why)}</p>`,
    `<p><a href="${escapeHtml(url)}">${escapeHtml(action)}</a></p>`,
    `<p>${escapeHtml(until)}</p>`,
  ].join('\n');
  return { subject, text, html };
}
