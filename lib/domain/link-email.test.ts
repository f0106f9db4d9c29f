import { describe, expect, it } from 'vitest';
import { renderLinkEmail } from './link-email.ts';

const url = 'https://credops.example/l/AbC_123';
const expiresAt = new Date('2026-06-01T09:00:00Z');

describe('the link email', () => {
  it('names the institution in the subject and body and carries the link in text and HTML', () => {
    const email = renderLinkEmail({ flow: 'RESET', institutionName: 'Banco Norte', url, expiresAt });
    expect(email.subject).toBe('Reconnect your Banco Norte account');
    expect(email.text).toContain('Banco Norte no longer accepts the login');
    expect(email.text).toContain(url);
    expect(email.html).toContain(`href="${url}"`);
    expect(email.text).toContain('expires on 1 June 2026');
  });

  it('asks for an identity check, not a password, in the SCA flow', () => {
    const email = renderLinkEmail({ flow: 'SCA', institutionName: 'Caixa Sul', url, expiresAt });
    expect(email.subject).toBe('Confirm access to your Caixa Sul account');
    expect(email.text).not.toMatch(/password/i);
  });

  it('escapes what it does not control in the HTML', () => {
    const email = renderLinkEmail({ flow: 'SCA', institutionName: 'A&B <Bank>', url, expiresAt });
    expect(email.html).toContain('A&amp;B &lt;Bank&gt;');
    expect(email.html).not.toContain('<Bank>');
  });
});
