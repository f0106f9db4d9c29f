import { expect, test } from '@playwright/test';

test.describe('as the demo admin', () => {
  test.use({ storageState: 'e2e/.auth/admin.json' });

  test('sees seeded credentials of every status, with counts per status', async ({ page }) => {
    await page.goto('/credentials');
    await expect(page.getByRole('heading', { name: 'Credentials' })).toBeVisible();
    for (const label of ['Pending', 'Active', 'Pending SCA', 'Blocked']) {
      const count = Number((await page.getByTestId(`count-${label}`).innerText()).replace(/,/g, ''));
      expect(count, label).toBeGreaterThan(0);
      // Blocked and Pending SCA cards also say how long theirs have waited ("0–2 d: 3 · 3–7 d: 1 · > 7 d: 9").
      const card = page.getByRole('button', { name: new RegExp(`^${label} [\\d,]+( 0–2 d: [\\d,]+ · 3–7 d: [\\d,]+ · > 7 d: [\\d,]+)?$`) });
      await card.click();
      await expect(page).toHaveURL(new RegExp(`status=${label.toUpperCase().replace(' ', '_')}$`));
      await expect(page.getByTestId('credential-row').first().getByText(label, { exact: true })).toBeVisible();
      await card.click(); // the cards toggle: back to every status
      await expect(page).toHaveURL(/\/credentials$/);
    }
  });

  test('pages through the list with a shareable URL', async ({ page }) => {
    await page.goto('/credentials?limit=20');
    await expect(page.getByTestId('credential-row')).toHaveCount(20);
    const firstToken = await page.getByTestId('credential-row').first().getByRole('button').getAttribute('title');
    await page.getByRole('link', { name: 'Next page →' }).first().click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(page.getByTestId('credential-row').first().getByRole('button')).not.toHaveAttribute('title', firstToken!);
    await page.goBack();
    await expect(page.getByTestId('credential-row').first().getByRole('button')).toHaveAttribute('title', firstToken!);
  });

  test('explains a filter it does not understand instead of failing', async ({ page }) => {
    await page.goto('/credentials?status=FROZEN');
    await expect(page.getByTestId('bad-filter')).toContainText('status');
  });

  test('reads daily refresh outcomes on the analytics page, as a chart and as a table', async ({ page }) => {
    await page.goto('/analytics');
    await expect(page.getByTestId('daily-outcomes-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await page.getByTestId('daily-outcomes').getByRole('button', { name: 'Show table' }).click();
    const rows = page.getByTestId('daily-outcomes-table').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(20);
  });
});

test.describe('signing in', () => {
  test('a wrong password says so and keeps the visitor out', async ({ page }) => {
    await page.goto('/credentials');
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByLabel('Email').fill('admin@credops.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('an Analyst sees contact emails masked in the API', async ({ browser }) => {
    const context = await browser.newContext({ storageState: 'e2e/.auth/analyst.json' });
    const response = await context.request.get('/api/credentials?limit=50');
    expect(response.status()).toBe(200);
    const { items } = (await response.json()) as { items: { contacts: { email: string }[] }[] };
    const emails = items.flatMap((i) => i.contacts.map((c) => c.email));
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.every((e) => e.includes('•••@'))).toBe(true);
    await context.close();
  });

  test('the API answers 401 JSON without a session and 400 naming a bad parameter', async ({ request, browser }) => {
    const anonymous = await request.get('/api/credentials');
    expect(anonymous.status()).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'Sign in to use CredOps.' });
    const context = await browser.newContext({ storageState: 'e2e/.auth/admin.json' });
    const bad = await context.request.get('/api/credentials?limit=500');
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toContain('limit');
    await context.close();
  });
});
