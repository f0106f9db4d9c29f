import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';

// The whole loop as people do it: an account manager sends a link, the end user opens the email,
// continues to the (simulated) Flanks Link, unlocks the credential, and staff see it Active.

async function credentialIn(status: 'BLOCKED' | 'PENDING_SCA', nth: number, baseURL: string): Promise<string> {
  const api = await playwrightRequest.newContext({ baseURL, storageState: 'e2e/.auth/am.json' });
  const { items } = (await (await api.get(`/api/credentials?status=${status}&limit=10&sort=createdAt&order=asc`)).json()) as { items: { token: string }[] };
  await api.dispose();
  return items[nth].token;
}

/** The link in the newest email to `to`, read from the built-in mailbox as an Admin would. */
async function linkInMailbox(browser: Browser, to: string): Promise<string> {
  const context = await browser.newContext({ storageState: 'e2e/.auth/admin.json' });
  const page = await context.newPage();
  await page.goto('/admin/mailbox');
  const email = page.getByTestId('mailbox-email').filter({ hasText: `To ${to}` }).first();
  await expect(email).toBeVisible();
  const href = (await email.getByRole('link').getAttribute('href'))!;
  await context.close();
  return href;
}

async function sendFromDetailPage(page: Page, token: string, flowLabel: 'Reset' | 'SCA', to: string) {
  await page.goto(`/credentials/${token}`);
  await page.getByRole('button', { name: `Send ${flowLabel} link` }).click();
  const form = page.getByRole('form', { name: `Send ${flowLabel} link` });
  await form.getByLabel('Another email').check();
  await form.getByLabel('Recipient email').fill(to);
  await form.getByText('Preview the email').click();
  await expect(form.getByTestId('email-preview')).toContainText(flowLabel === 'Reset' ? 'Reconnect your' : 'Confirm access to your');
  // The preview once promised 7 days whatever LINK_EXPIRY_DAYS said; the e2e server sets 3. The day is
  // on the recipient's clock: this one is no contact, so the company's DEFAULT_TIME_ZONE.
  const expires = new Date(Date.now() + 3 * 86_400_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Madrid' });
  await expect(form.frameLocator('iframe[title="The email as the recipient sees it"]').locator('body')).toContainText(`expires on ${expires}`);
  await form.getByRole('button', { name: `Send ${flowLabel} link` }).click();
  await expect(page.getByTestId('link').first()).toContainText(`${flowLabel} link to ${to}`);
  await expect(page.getByTestId('link').first()).toContainText('sent');
}

async function expectStatus(page: Page, label: string) {
  await expect(page.getByRole('heading', { level: 1 }).locator('..').getByText(label, { exact: true })).toBeVisible();
}

async function endUserContext(browser: Browser) {
  return browser.newContext({ storageState: { cookies: [], origins: [] } });
}

test.describe('SCA and Reset links', () => {
  test.use({ storageState: 'e2e/.auth/am.json' });

  test('Reset: sent by an account manager, survives a mail scanner, unlocks the credential through the Flanks Link', async ({ page, browser, baseURL }) => {
    const token = await credentialIn('BLOCKED', 3, baseURL!);
    await sendFromDetailPage(page, token, 'Reset', 'reset.user@example.com');
    const href = await linkInMailbox(browser, 'reset.user@example.com');
    expect(href).toMatch(/\/l\/[A-Za-z0-9_-]{43}$/);

    // A mail scanner fetches the link before the human does: nothing may change.
    const scanner: APIRequestContext = await playwrightRequest.newContext();
    for (let i = 0; i < 2; i++) expect((await scanner.get(href)).status()).toBe(200);
    await scanner.dispose();

    const endUser = await endUserContext(browser);
    const tab = await endUser.newPage();
    await tab.goto(href);
    await expect(tab.getByRole('heading', { name: /^Reconnect your .+ account$/ })).toBeVisible();
    await tab.getByRole('button', { name: 'Continue' }).click();
    await expect(tab.getByText('Flanks Link · simulated')).toBeVisible();
    await tab.getByLabel('Password').fill('wrong-password');
    await tab.getByRole('button', { name: 'Confirm' }).click();
    await expect(tab.getByText('The institution rejected this password (INVALID_CREDENTIALS)')).toBeVisible();
    const password = await tab.locator('code').innerText();
    await tab.getByLabel('Password').fill(password);
    await tab.getByRole('button', { name: 'Confirm' }).click();
    await expect(tab.getByRole('heading', { name: 'All done' })).toBeVisible();
    await tab.goto(href); // the email's link, used
    await expect(tab.getByRole('heading', { name: 'All done' })).toBeVisible();
    await endUser.close();

    await page.reload();
    await expectStatus(page, 'Active');
    await expect(page.getByTestId('link').first()).toContainText('completed');
    await expect(page.getByTestId('timeline-event').filter({ hasText: 'Blocked →' }).first()).toContainText('Active');
  });

  test('SCA: the one-time code at the Flanks Link resolves Pending SCA; cancelling records ABORTED_BY_USER', async ({ page, browser, baseURL }) => {
    const cancelled = await credentialIn('PENDING_SCA', 5, baseURL!);
    await sendFromDetailPage(page, cancelled, 'SCA', 'sca.cancel@example.com');
    const endUser = await endUserContext(browser);
    const tab = await endUser.newPage();
    await tab.goto(await linkInMailbox(browser, 'sca.cancel@example.com'));
    await tab.getByRole('button', { name: 'Continue' }).click();
    await tab.getByRole('button', { name: 'Cancel' }).click();
    await expect(tab.getByText('You cancelled before finishing')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('link').first()).toContainText('Flanks error ABORTED_BY_USER');

    const token = await credentialIn('PENDING_SCA', 6, baseURL!);
    await sendFromDetailPage(page, token, 'SCA', 'sca.user@example.com');
    await tab.goto(await linkInMailbox(browser, 'sca.user@example.com'));
    await tab.getByRole('button', { name: 'Continue' }).click();
    await tab.getByLabel('One-time code').fill(await tab.locator('code').innerText());
    await tab.getByRole('button', { name: 'Confirm' }).click();
    await expect(tab.getByRole('heading', { name: 'All done' })).toBeVisible();
    await endUser.close();
    await page.reload();
    await expect(page.getByTestId('link').first()).toContainText('completed');
    await expectStatus(page, 'Active');
  });

  test('refuses a flow the status does not need, and a retried send with one key sends once', async ({ baseURL }) => {
    const api = await playwrightRequest.newContext({ baseURL, storageState: 'e2e/.auth/am.json', extraHTTPHeaders: { Origin: baseURL! } });
    const token = await credentialIn('BLOCKED', 4, baseURL!);
    const wrong = await api.post(`/api/credentials/${token}/links`, { data: { flow: 'SCA', email: 'x@example.com' } });
    expect(wrong.status()).toBe(409);
    expect((await wrong.json()).error).toContain('needs a Reset link');
    const send = () => api.post(`/api/credentials/${token}/links`, { data: { flow: 'RESET', email: 'x@example.com' }, headers: { 'Idempotency-Key': 'e2e-retry-0001' } });
    const [first, again] = [await send(), await send()];
    expect(first.status()).toBe(201);
    expect((await again.json()).link.id).toBe((await first.json()).link.id);
    expect((await again.json()).outcome).toBe('REPLAYED');
    const limited = await api.post(`/api/credentials/${token}/links`, { data: { flow: 'RESET', email: 'x@example.com' } });
    expect(limited.status()).toBe(429);
    await api.dispose();
  });
});

test.describe('an analyst', () => {
  test.use({ storageState: 'e2e/.auth/analyst.json' });

  test('sees the links of a credential but no way to send one', async ({ page, baseURL }) => {
    await page.goto(`/credentials/${await credentialIn('BLOCKED', 0, baseURL!)}`);
    await expectStatus(page, 'Blocked');
    await expect(page.getByRole('heading', { name: 'Links sent' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Send .* link/ })).toHaveCount(0);
  });
});

test.describe('operations', () => {
  test.use({ storageState: 'e2e/.auth/ops.json' });

  // Runs after the account manager's sends above, so some Blocked credentials were emailed today.
  test('bulk-send Reset links to every Blocked credential: preview, confirm, progress, a result per row', async ({ page }) => {
    await page.goto('/credentials?status=BLOCKED');
    await page.getByRole('link', { name: /^Send Reset links to these \d+…$/ }).click();
    await expect(page.getByRole('heading', { name: 'Send Reset links in bulk' })).toBeVisible();
    const preview = page.getByTestId('bulk-preview');
    const selected = Number(await preview.locator('dd').first().innerText());
    expect(selected).toBeGreaterThan(0);
    await expect(page.getByRole('table').filter({ hasText: 'By institution' })).toBeVisible();
    // One email per person: the preview counts people as well as credentials, and the button says both.
    const people = Number((await page.getByTestId('bulk-people').innerText()).match(/^([\d,]+) (person|people)/)![1].replace(/,/g, ''));
    const confirm = page.getByRole('button', { name: /^Confirm: send [\d,]+ Reset links to [\d,]+ (person|people)$/ });
    const [sendable, to] = (await confirm.innerText()).match(/[\d,]+/g)!.map((n) => Number(n.replace(/,/g, '')));
    expect(to).toBe(people);
    expect(people).toBeGreaterThan(0);
    expect(people).toBeLessThanOrEqual(sendable);
    // The email the person with the most of them will get, as their mail client shows it.
    const sample = page.getByTestId('bulk-sample-email');
    await sample.getByText(/^Preview the email to .+, who has \d+ of these credentials?$/).click();
    await expect(sample.frameLocator('iframe').getByRole('link').first()).toBeVisible();
    await confirm.click();

    await expect(page).toHaveURL(/\/bulk-sends\/[^/]+$/);
    await expect(page.getByTestId('bulk-progress-text')).toHaveText(`Finished: ${selected} of ${selected} credentials`);
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(page.getByTestId('bulk-row')).toHaveCount(selected);
    await expect(page.getByTestId('bulk-row').filter({ hasText: 'Waiting' })).toHaveCount(0);
    // The account manager's API test emailed one of them minutes ago: reported, not emailed again.
    await expect(page.getByTestId('bulk-row').filter({ hasText: 'Emailed in the last 24 h' })).not.toHaveCount(0);
  });
});
