import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, request as playwrightRequest, test, type Browser } from '@playwright/test';

// Follow-ups as people meet them: an Admin sets the reminder cadence and a webhook, an Account manager
// sends a link in Spanish and sees the Spanish email before sending, the clock moves two days on (the
// reminder job run as its own process, at that time), the reminder arrives once, the end user
// completes the flow from it, and no reminder follows.
const DAY_MS = 86_400_000;
const SECRET = 'e2e-webhook-secret-0123456789';
const ADMIN_STATE = 'e2e/.auth/admin.json';

/** `npm run reminders` at a moved clock, against the e2e server's database and secret (scripts/e2e-server.mjs). */
function runReminders(at: Date, baseURL: string): string {
  const run = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/send-reminders.ts', '--at', at.toISOString()], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: 'file:./data/e2e.db', NEXTAUTH_URL: baseURL, NEXTAUTH_SECRET: 'e2e-secret-not-for-production-0123456789', NODE_ENV: 'test' },
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

async function mailTo(browser: Browser, to: string) {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto('/admin/mailbox');
  const emails = page.getByTestId('mailbox-email').filter({ hasText: `To ${to}` });
  const found = await emails.evaluateAll((items) => items.map((li) => ({ subject: li.querySelector('p')?.textContent ?? '', href: li.querySelector('a')?.getAttribute('href') ?? '' })));
  await context.close();
  return found; // newest first
}

const madridHour = (at: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', hour: '2-digit', hourCycle: 'h23' }).format(at));
const hhmm = (hour: number) => `${String(hour % 24).padStart(2, '0')}:00`;

let receiver: Server;
const received: { body: string; signature: string }[] = [];
let settingsBefore: unknown;

test.beforeAll(async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE });
  settingsBefore = await (await api.get('/api/admin/notifications')).json();
  await api.dispose();
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ body, signature: String(request.headers['x-credops-signature'] ?? '') });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

test.afterAll(async ({ baseURL }) => {
  receiver.close();
  // Back to what it was, so no other test meets this one's settings.
  const api = await playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE, extraHTTPHeaders: { Origin: baseURL! } });
  await api.put('/api/admin/notifications', { data: settingsBefore });
  for (const hook of (await (await api.get('/api/admin/webhooks')).json()) as { id: string }[]) await api.delete(`/api/admin/webhooks/${hook.id}`);
  await api.dispose();
});

test('an Admin’s cadence and webhook, a link in Spanish, one reminder two days later, completed from the reminder, and no more', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const inTwoDays = new Date(Date.now() + 2 * DAY_MS + 60_000);

  // The Admin: a reminder on day 2 (the e2e server's links expire after 3 days, so a day-3 one is refused),
  // and quiet hours well away from the moment it is due in Madrid.
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const settings = await admin.newPage();
  await settings.goto('/admin/settings');
  await settings.getByLabel('Reminder days').fill('2, 3');
  await settings.getByRole('button', { name: 'Save reminders and alerts' }).click();
  await expect(settings.getByRole('alert').filter({ hasText: 'a reminder on day 3 would never go out' })).toBeVisible();
  await settings.getByLabel('Reminder days').fill('2');
  await settings.getByLabel('Quiet hours from').fill(hhmm(madridHour(inTwoDays) + 3));
  await settings.getByLabel('to', { exact: true }).fill(hhmm(madridHour(inTwoDays) + 4));
  await settings.getByRole('button', { name: 'Save reminders and alerts' }).click();
  await expect(settings.getByText('Reminders on day 2;')).toBeVisible();

  const port = (receiver.address() as AddressInfo).port;
  await settings.getByLabel('Webhook URL').fill(`http://127.0.0.1:${port}/credops`);
  await settings.getByLabel('Webhook secret').fill(SECRET);
  await settings.getByRole('button', { name: 'Add webhook' }).click();
  const hook = settings.getByTestId('webhook').filter({ hasText: `127.0.0.1:${port}` });
  await hook.getByRole('button', { name: /Send test/ }).click();
  await expect(settings.getByText('The receiver took it (HTTP 200).')).toBeVisible();
  const [testEvent] = received;
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(testEvent.signature)!;
  expect(v1).toBe(createHmac('sha256', SECRET).update(`${t}.${testEvent.body}`).digest('hex'));
  expect(JSON.parse(testEvent.body)).toMatchObject({ schema: 'credops.alert.v1', event: 'webhook.test', text: expect.stringContaining('this webhook works') });
  await expect(hook.getByRole('table')).toContainText('webhook.test');
  await admin.close();

  // The Account manager: a Spanish-speaking contact, and the preview shows the Spanish email as she will get it.
  const manager = await browser.newContext({ storageState: 'e2e/.auth/am.json' });
  const page = await manager.newPage();
  const api = await playwrightRequest.newContext({ baseURL, storageState: 'e2e/.auth/am.json' });
  const { items } = (await (await api.get('/api/credentials?status=PENDING_SCA&limit=20&sort=createdAt&order=desc')).json()) as { items: { token: string }[] };
  await api.dispose();
  const token = items[2].token;
  const email = 'lucia.perez@example.es';
  await page.goto(`/credentials/${token}`);
  await page.getByLabel('Contact name').fill('Lucía Pérez');
  await page.getByLabel('Contact email').fill(email);
  await page.getByLabel('Contact language').selectOption('es');
  await page.getByLabel('Contact time zone').fill('Europe/Madrid');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByText('Español, Europe/Madrid')).toBeVisible();

  await page.getByRole('button', { name: 'Send SCA link' }).click();
  const form = page.getByRole('form', { name: 'Send SCA link' });
  await form.getByRole('radio', { name: /Lucía Pérez/ }).check();
  await form.getByText('Preview the email').click();
  const preview = form.getByTestId('email-preview');
  await expect(preview).toContainText('In Español');
  await expect(preview).toContainText('Confirma el acceso a tu cuenta de');
  const html = form.frameLocator('iframe[title="The email as the recipient sees it"]');
  await expect(html.locator('body')).toContainText('Hola, Lucía Pérez:');
  await expect(html.getByRole('link', { name: 'Confirmar acceso' })).toBeVisible();
  await form.getByRole('button', { name: 'Send SCA link' }).click();
  await expect(page.getByTestId('link').first()).toContainText(`SCA link to ${email}`);
  await expect(page.getByTestId('link-reminders').first()).toContainText('no reminder sent yet');
  expect((await mailTo(browser, email)).map((m) => m.subject)).toEqual([expect.stringMatching(/^Confirma el acceso a tu cuenta de /)]);

  // Two days on: the reminder goes out once, however often the job runs.
  runReminders(inTwoDays, baseURL!);
  runReminders(new Date(inTwoDays.getTime() + 60_000), baseURL!);
  const mail = await mailTo(browser, email);
  expect(mail.map((m) => m.subject)).toEqual([expect.stringMatching(/^Recordatorio: Confirma el acceso/), expect.stringMatching(/^Confirma el acceso/)]);
  expect(mail[0].href).toBe(mail[1].href); // the same link, reminded

  // The end user completes from the reminder, in Spanish.
  const endUser = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const tab = await endUser.newPage();
  await tab.goto(mail[0].href);
  await expect(tab.locator('html')).toHaveAttribute('lang', 'es');
  await expect(tab.getByRole('heading', { name: /^Confirma el acceso a tu cuenta de / })).toBeVisible();
  await tab.getByRole('button', { name: 'Continuar' }).click();
  await tab.getByLabel('One-time code').fill(await tab.locator('code').innerText());
  await tab.getByRole('button', { name: 'Confirm' }).click();
  await expect(tab.getByRole('heading', { name: 'Todo listo' })).toBeVisible();
  await endUser.close();

  // Later runs send nothing more: the link was used.
  runReminders(new Date(Date.now() + 3 * DAY_MS + 120_000), baseURL!);
  expect(await mailTo(browser, email)).toHaveLength(2);
  await page.reload();
  await expect(page.getByTestId('link').first()).toContainText('completed');
  await expect(page.getByTestId('timeline-event').filter({ hasText: 'reminder 1 emailed to the end user' })).toHaveCount(1);
  await manager.close();
});

test('an Admin rewrites the Catalan Reset email: previewed before saving, an unknown placeholder refused, then back to CredOps’ wording', async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await admin.newPage();
  await page.goto('/admin/settings');
  const panel = page.getByRole('region', { name: 'Link email wording' });
  await panel.getByLabel('Flow').selectOption('RESET');
  await panel.getByLabel('Language').selectOption('ca');
  await expect(panel.getByLabel('Subject')).toHaveValue('Torna a connectar el teu compte de {institution}');

  await panel.getByLabel('Subject').fill('{institucio}: cal la teva contrasenya');
  await panel.getByRole('button', { name: 'Save wording' }).click();
  await expect(panel.getByRole('alert')).toContainText('Unknown placeholder {institucio}: use {greeting}, {name}, {institution}, {expiresAt}.');

  await panel.getByLabel('Subject').fill('{institution}: cal la teva contrasenya');
  await panel.getByLabel('Text').fill('{greeting}\n\nEl teu banc <b>{institution}</b> ha canviat.\nActualitza-la abans del {expiresAt}.');
  await panel.getByRole('button', { name: 'Preview' }).click();
  const preview = panel.getByTestId('template-preview');
  await expect(preview).toContainText('Banco Ejemplo: cal la teva contrasenya');
  const html = preview.frameLocator('iframe');
  await expect(html.locator('body')).toContainText('Hola, Lucía García:');
  // What the Admin typed is text in the email, never markup.
  await expect(html.locator('body')).toContainText('El teu banc <b>Banco Ejemplo</b> ha canviat.');
  await expect(html.locator('b')).toHaveCount(0);
  await expect(html.getByRole('link', { name: 'Actualitzar la contrasenya' })).toBeVisible();

  await panel.getByRole('button', { name: 'Save wording' }).click();
  await expect(page.getByText('Reset emails in Català now use this wording.')).toBeVisible();
  await page.reload();
  await panel.getByLabel('Flow').selectOption('RESET');
  await panel.getByLabel('Language').selectOption('ca');
  await expect(panel.getByLabel('Subject')).toHaveValue('{institution}: cal la teva contrasenya');

  await panel.getByRole('button', { name: 'Reset to CredOps’ wording…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Use CredOps’ wording' }).click();
  await expect(page.getByText('Reset emails in Català use CredOps’ wording again.')).toBeVisible();
  await expect(panel.getByLabel('Subject')).toHaveValue('Torna a connectar el teu compte de {institution}');
  await admin.close();
});
