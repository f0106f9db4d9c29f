import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions.ts';
import { addCredentialContact } from '@/server/credentials/add-credential-contact.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { previewLinkEmail } from '@/server/links/preview-link-email.ts';
import { sendLink } from '@/server/links/send-link.ts';
import { sendDueReminders } from '@/server/reminders/send-due-reminders.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { recordingTransport } from '@/server/testing/recording-transport.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { listEmailTemplates, previewEmailTemplate, resetEmailTemplate, setEmailTemplate } from './email-templates.ts';

const now = new Date('2026-03-02T10:00:00Z');
const spanish = { subject: 'Tu banco {institution} te pide confirmar', body: '{greeting}\n\nEntra antes del {expiresAt} <b>sin falta</b>.\nGracias.' };

describe.each(DATABASE_KINDS)('email templates an Admin edits, on %s', (kind) => {
  let t: TestDatabase;
  let admin: Actor;
  let manager: Actor;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 120, days: 5, seed: 'templates', now });
    const [a, m] = await Promise.all(['admin@credops.test', 'am@credops.test'].map((email) => t.db.user.findUniqueOrThrow({ where: { email } })));
    admin = { id: a.id, email: a.email, name: a.name, role: 'ADMIN' };
    manager = { id: m.id, email: m.email, name: m.name, role: 'ACCOUNT_MANAGER' };
  });
  afterAll(() => t?.drop());

  it('refuses an unknown placeholder, and anyone but an Admin', async () => {
    await expect(setEmailTemplate(admin, 'SCA', 'es', { subject: 'Hola {nombre}', body: '{greeting}' }, { db: t.db })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Unknown placeholder {nombre}'),
    });
    await expect(setEmailTemplate(actorWithRole('OPERATIONS'), 'SCA', 'es', spanish, { db: t.db })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(() => previewEmailTemplate(manager, { flow: 'SCA', language: 'es', ...spanish })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('writes the link email and its reminders in the Admin’s wording for that flow and language, escaped, with CredOps’ button and expiry', async () => {
    const saved = await setEmailTemplate(admin, 'SCA', 'es', spanish, { db: t.db, now });
    expect(saved).toMatchObject({ edited: true, subject: spanish.subject });
    expect(await setEmailTemplate(admin, 'SCA', 'es', spanish, { db: t.db, now })).toMatchObject({ edited: true });
    expect(await t.db.auditEvent.count({ where: { action: 'emailTemplate.update' } })).toBe(1); // saving the same text again changes nothing

    const [es, en] = await t.db.credential.findMany({ where: { status: 'PENDING_SCA' }, orderBy: { id: 'asc' }, take: 2, include: { institution: true } });
    await addCredentialContact(manager, es.token, { name: 'Lucía', email: 'lucia@example.com', language: 'es', timeZone: 'Europe/Madrid' }, { db: t.db });
    await addCredentialContact(manager, en.token, { name: 'Ann', email: 'ann@example.com', language: 'en', timeZone: 'Europe/London' }, { db: t.db });

    const preview = await previewLinkEmail(manager, es.token, { flow: 'SCA', email: 'lucia@example.com' }, { db: t.db, now });
    expect(preview.subject).toBe(`Tu banco ${es.institution.name} te pide confirmar`);

    const transport = recordingTransport();
    await sendLink(manager, es.token, { flow: 'SCA', email: 'lucia@example.com' }, { db: t.db, now, transport });
    await sendLink(manager, en.token, { flow: 'SCA', email: 'ann@example.com' }, { db: t.db, now, transport });
    const [toLucia, toAnn] = transport.sent;
    expect(toLucia.subject).toBe(`Tu banco ${es.institution.name} te pide confirmar`);
    expect(toLucia.text).toContain('Hola, Lucía:');
    expect(toLucia.text).toContain('Entra antes del 9 de marzo de 2026 <b>sin falta</b>.');
    // Staff text is text: escaped in the HTML, its line break kept.
    expect(toLucia.html).toContain('&lt;b&gt;sin falta&lt;/b&gt;.<br>Gracias.');
    expect(toLucia.html).not.toContain('<b>');
    expect(toLucia.html).toMatch(/<a href="[^"]+\/l\/[A-Za-z0-9_-]{43}"[^>]*>Confirmar acceso<\/a>/);
    expect(toLucia.text).toContain('caduca el 9 de marzo de 2026');
    // Another language keeps the catalogue's wording.
    expect(toAnn.subject).toBe(`Confirm access to your ${en.institution.name} account`);

    const reminders = await sendDueReminders(t.db, { now: new Date(now.getTime() + 2 * 86_400_000) });
    expect(reminders.sent).toBe(2);
    const reminder = await t.db.outboxEmail.findFirstOrThrow({ where: { kind: 'REMINDER', to: 'lucia@example.com' } });
    expect(reminder.subject).toBe(`Recordatorio: Tu banco ${es.institution.name} te pide confirmar`);
    expect(reminder.text).toMatch(/^Hola, Lucía:\n\nTe escribimos el 2 de marzo de 2026/);
  });

  it('goes back to the catalogue’s wording on reset, audited once', async () => {
    const reset = await resetEmailTemplate(admin, 'SCA', 'es', { db: t.db });
    expect(reset).toMatchObject({ edited: false, subject: 'Confirma el acceso a tu cuenta de {institution}' });
    expect(reset.body).toMatch(/^\{greeting\}\n\n\{institution\} te pide que vuelvas a confirmar tu identidad/);
    await resetEmailTemplate(admin, 'SCA', 'es', { db: t.db });
    expect(await t.db.auditEvent.count({ where: { action: 'emailTemplate.reset' } })).toBe(1);
    const all = await listEmailTemplates(admin, { db: t.db });
    expect(all).toHaveLength(6);
    expect(all.every((x) => !x.edited)).toBe(true);
  });
});
