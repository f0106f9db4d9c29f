import { expect, test } from '@playwright/test';

test.describe('an account manager working a Blocked credential', () => {
  test.use({ storageState: 'e2e/.auth/am.json', permissions: ['clipboard-read', 'clipboard-write'] });

  test('filters by Blocked, keeps the filter on reload, opens a credential and reads its timeline', async ({ page }) => {
    await page.goto('/credentials');
    // An account manager's list opens on their own credentials; Owner → Anyone shows everyone's.
    await expect(page).toHaveURL(/\/credentials\?owner=me&sort=attention$/);
    await page.getByRole('button', { name: 'Owner: Assigned to me' }).click();
    await page.getByRole('dialog', { name: 'Owner' }).getByLabel('Anyone').check();
    await page.getByRole('dialog', { name: 'Owner' }).getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/owner=any/);
    await page.getByRole('button', { name: /^Blocked [\d,]+ 0–2 d/ }).click();
    await expect(page).toHaveURL(/status=BLOCKED/);
    await page.reload();
    await expect(page.getByRole('button', { name: /^Blocked [\d,]+ 0–2 d/ })).toHaveAttribute('aria-pressed', 'true');
    const rows = page.getByTestId('credential-row');
    await expect(rows.first()).toBeVisible();
    for (const badge of await rows.getByText(/^(Active|Pending|Pending SCA|Blocked)$/).allInnerTexts()) expect(badge).toBe('Blocked');

    const token = (await rows.first().getByRole('button').getAttribute('title'))!.replace('Copy ', '');
    await rows.first().getByRole('button').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

    await rows.first().getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/credentials/${token}$`));
    await expect(page.getByTestId('verdict')).toContainText('Blocked since');
    await expect(page.getByTestId('timeline').getByText('Invalid credentials').first()).toBeVisible();
    await expect(page.getByTestId('timeline-event').first()).toBeVisible();
  });

  test('adds and removes a contact, and the change is on the page and in the audit trail', async ({ page }) => {
    await page.goto('/credentials?status=PENDING_SCA');
    await page.getByTestId('credential-row').first().getByRole('link').click();
    await page.getByLabel('Contact name').fill('Nora Holder');
    await page.getByLabel('Contact email').fill('nora.holder@example.com');
    await page.getByRole('button', { name: 'Add contact' }).click();
    const contacts = page.getByRole('region', { name: 'Contacts' });
    await expect(contacts.getByText('nora.holder@example.com')).toBeVisible();
    await expect(page.getByRole('region', { name: /Notifications/ })).toContainText('Nora Holder was added as a contact.');
    await expect(page.getByTestId('timeline')).toContainText('Amelia Manager added contact Nora Holder (nora.holder@example.com)');
    await page.getByRole('button', { name: 'Remove… Nora Holder' }).click();
    const question = page.getByRole('alertdialog', { name: 'Remove Nora Holder as a contact?' });
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(contacts.getByText('nora.holder@example.com')).toBeVisible(); // cancelled: still there
    await page.getByRole('button', { name: 'Remove… Nora Holder' }).click();
    await question.getByRole('button', { name: 'Remove contact' }).click();
    await expect(contacts.getByText('nora.holder@example.com')).toHaveCount(0);
    await expect(page.getByTestId('timeline')).toContainText('Amelia Manager removed contact Nora Holder');
    // Undo puts the contact back.
    await page.getByRole('region', { name: /Notifications/ }).getByRole('button', { name: 'Undo' }).click();
    await expect(contacts.getByText('nora.holder@example.com')).toBeVisible();
  });

  test('pages forward and back through a filtered list', async ({ page }) => {
    await page.goto('/credentials?limit=10&status=ACTIVE');
    const firstToken = () => page.getByTestId('credential-row').first().getByRole('button').getAttribute('title');
    const seen = [await firstToken()];
    for (const step of ['Next page →', 'Next page →']) {
      await page.getByRole('link', { name: step }).first().click();
      await expect(page.getByTestId('credential-row').first().getByRole('button')).not.toHaveAttribute('title', seen.at(-1)!);
      seen.push(await firstToken());
    }
    await expect(page.getByTestId('page-range').first()).toHaveText(/^21–30 of /);
    await page.getByRole('link', { name: '← Previous page' }).first().click();
    await expect(page.getByTestId('credential-row').first().getByRole('button')).toHaveAttribute('title', seen[1]!);
    await expect(page.getByTestId('page-range').first()).toHaveText(/^11–20 of /);
    await page.getByRole('link', { name: '← Previous page' }).first().click();
    await expect(page.getByTestId('credential-row').first().getByRole('button')).toHaveAttribute('title', seen[0]!);
    await expect(page.getByRole('link', { name: '← Previous page' })).toHaveCount(0);
  });

  test('exports the current filter as CSV, every matching row', async ({ page }) => {
    await page.goto('/credentials?status=BLOCKED');
    const blocked = Number((await page.getByTestId('count-Blocked').innerText()).replace(/,/g, ''));
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /Export these/ }).click();
    const file = await download;
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('credentials_token');
    expect(lines.length - 1).toBe(blocked);
    expect(lines.slice(1).every((l) => l.split(',')[2] === 'BLOCKED')).toBe(true);
  });
});

test('an unknown credential token gets a clear page', async ({ browser }) => {
  const context = await browser.newContext({ storageState: 'e2e/.auth/analyst.json' });
  const page = await context.newPage();
  const response = await page.goto('/credentials/0000000000000000');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('credential-not-found')).toBeVisible();
  await context.close();
});
