import { describe, expect, it } from 'vitest';
import ca from './messages/ca.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { renderGroupedLinkEmail, renderLinkEmail, type LinkEmailInput } from './end-user-copy.ts';

const input: LinkEmailInput = {
  flow: 'RESET',
  institutionName: 'Banco Norte',
  contactName: 'Lucía',
  url: 'https://credops.example/l/AbC_123',
  expiresAt: new Date('2026-06-01T21:30:00Z'),
  language: 'en',
  timeZone: 'UTC',
};

const keysOf = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value ? Object.entries(value).flatMap(([k, v]) => keysOf(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];

describe('the end user’s copy', () => {
  it('has every message in every language', () => {
    expect(keysOf(es).sort()).toEqual(keysOf(en).sort());
    expect(keysOf(ca).sort()).toEqual(keysOf(en).sort());
  });

  it('writes the link email in English: institution in subject and body, the link in text and HTML', () => {
    const email = renderLinkEmail(input);
    expect(email.subject).toBe('Reconnect your Banco Norte account');
    expect(email.text).toContain('Hello Lucía,');
    expect(email.text).toContain('Banco Norte no longer accepts the login');
    expect(email.text).toContain(input.url);
    expect(email.html).toContain(`href="${input.url}"`);
    expect(email.text).toContain('expires on 1 June 2026');
  });

  it('writes it in Spanish, with the expiry day on the recipient’s clock', () => {
    const email = renderLinkEmail({ ...input, language: 'es', timeZone: 'Europe/Madrid' });
    expect(email.subject).toBe('Vuelve a conectar tu cuenta de Banco Norte');
    expect(email.text).toContain('Hola, Lucía:');
    expect(email.text).toContain('caduca el 1 de junio de 2026');
    expect(email.html).toContain('<html lang="es">');
    // 21:30 UTC on 1 June is 23:30 in Madrid, still the 1st, and 06:30 on the 2nd in Tokyo.
    expect(renderLinkEmail({ ...input, timeZone: 'Asia/Tokyo' }).text).toContain('2 June 2026');
  });

  it('asks for an identity check, not a password, in the SCA flow', () => {
    const email = renderLinkEmail({ ...input, flow: 'SCA' });
    expect(email.subject).toBe('Confirm access to your Banco Norte account');
    expect(email.text).not.toMatch(/password/i);
  });

  it('writes a reminder that says when we first wrote', () => {
    const email = renderLinkEmail({ ...input, language: 'ca', remindingOf: new Date('2026-05-25T10:00:00Z') });
    expect(email.subject).toBe('Recordatori: Torna a connectar el teu compte de Banco Norte');
    expect(email.text).toContain('Et vam escriure el 25 de maig del 2026');
  });

  it('escapes names it does not control in the HTML', () => {
    const email = renderLinkEmail({ ...input, institutionName: 'A&B <Bank>', contactName: '<img src=x onerror=alert(1)>' });
    expect(email.html).toContain('A&amp;B &lt;Bank&gt;');
    expect(email.html).not.toContain('<Bank>');
    expect(email.html).not.toContain('<img');
  });

  describe('one email to a person about several credentials', () => {
    const links = [
      { flow: 'RESET' as const, institutionName: 'BBVA', url: 'https://credops.example/l/first', expiresAt: new Date('2026-06-01T10:00:00Z') },
      { flow: 'SCA' as const, institutionName: 'ING', url: 'https://credops.example/l/second', expiresAt: new Date('2026-06-03T10:00:00Z') },
    ];

    it('lists each institution with its own button and expiry, in the person’s language', () => {
      const email = renderGroupedLinkEmail({ contactName: 'Lucía', language: 'es', timeZone: 'Europe/Madrid', links });
      expect(email.subject).toBe('2 de tus cuentas te necesitan');
      expect(email.html).toContain('href="https://credops.example/l/first"');
      expect(email.html).toContain('href="https://credops.example/l/second"');
      expect(email.html.match(/<h2 /g)).toHaveLength(2);
      // Each button says what its own flow asks for.
      expect(email.text).toContain('Actualizar tu contraseña: https://credops.example/l/first');
      expect(email.text).toContain('Confirmar acceso: https://credops.example/l/second');
      expect(email.text).toContain('caduca el 1 de junio de 2026');
      expect(email.text).toContain('caduca el 3 de junio de 2026');
    });

    it('writes the grouped reminder with when we first wrote', () => {
      const email = renderGroupedLinkEmail({ contactName: null, language: 'en', timeZone: 'UTC', links, remindingOf: new Date('2026-05-25T10:00:00Z') });
      expect(email.subject).toBe('Reminder: 2 of your accounts need you');
      expect(email.text).toContain('We wrote to you on 25 May 2026');
    });

    it('is the ordinary link email for a single link', () => {
      const one = renderGroupedLinkEmail({ contactName: 'Lucía', language: 'en', timeZone: 'UTC', links: [links[0]] });
      expect(one).toEqual(renderLinkEmail({ ...links[0], contactName: 'Lucía', language: 'en', timeZone: 'UTC' }));
    });

    it('escapes an institution’s name in its heading', () => {
      const email = renderGroupedLinkEmail({ contactName: null, language: 'en', timeZone: 'UTC', links: [{ ...links[0], institutionName: 'A&B <Bank>' }, links[1]] });
      expect(email.html).toContain('A&amp;B &lt;Bank&gt;');
      expect(email.html).not.toContain('<Bank>');
    });
  });
});
