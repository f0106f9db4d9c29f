import { describe, expect, it } from 'vitest';
import { maskEmail, maskEmailsIn } from './mask-email.ts';

describe('masking one email address', () => {
  it('keeps the first letter and the domain, enough to recognise and not to write to', () => {
    expect(maskEmail('maria.garcia@example.com')).toBe('m•••@example.com');
    expect(maskEmail('not an address')).toBe('•••');
  });
});

describe('masking the email addresses inside free text', () => {
  it("masks the recipient a mail server's rejection repeats, and keeps the rest of the answer", () => {
    expect(maskEmailsIn('550 5.1.1 <maria.garcia12@example.com>: Recipient address rejected: User unknown in virtual mailbox table')).toBe(
      '550 5.1.1 <m•••@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    );
    expect(maskEmailsIn('Can\'t send mail - all recipients were rejected: 550 No such user (maria.garcia12@example.com)')).toBe(
      'Can\'t send mail - all recipients were rejected: 550 No such user (m•••@example.com)',
    );
  });

  it('masks every address, whatever its case, and leaves the punctuation around it', () => {
    expect(maskEmailsIn("Mailbox full for Juan.Perez@Example.COM and 'ana+tag@mail.example.org'.")).toBe(
      "Mailbox full for J•••@Example.COM and 'a•••@mail.example.org'.",
    );
    expect(maskEmailsIn('to=<o\'brien@example.com>, orcpt=rfc822;lucia_diaz-7@example.com')).toBe('to=<o•••@example.com>, orcpt=rfc822;l•••@example.com');
  });

  it('masks internationalised, quoted and address-literal recipients too', () => {
    expect(maskEmailsIn('553 josé.garcía@ejemplo.es rejected')).toBe('553 j•••@ejemplo.es rejected');
    expect(maskEmailsIn('550 "john doe"@example.com unknown')).toBe('550 "•••@example.com unknown');
    expect(maskEmailsIn('550 postmaster@[192.0.2.1] refused')).toBe('550 p•••@[192.0.2.1] refused');
  });

  it('never leaves a local part readable', () => {
    const addresses = ['maria.garcia12@example.com', 'JUAN.PEREZ@EXAMPLE.COM', 'holder7@sub.example.co.uk', 'x_y-z.w+q@example.com', 'anna.b@localhost'];
    const masked = maskEmailsIn(`rejected: ${addresses.join(', ')}; ${addresses.map((a) => `<${a}>`).join(' ')}`);
    for (const address of addresses) expect(masked).not.toContain(address.slice(1, address.indexOf('@')));
  });

  it('returns text without an address unchanged', () => {
    expect(maskEmailsIn('connect ECONNREFUSED 127.0.0.1:587')).toBe('connect ECONNREFUSED 127.0.0.1:587');
    expect(maskEmailsIn('421 4.7.0 Try again later, closing connection. @ 10:00')).toBe('421 4.7.0 Try again later, closing connection. @ 10:00');
    expect(maskEmailsIn('')).toBe('');
  });
});
