import { expect, test } from '@playwright/test';

// How CredOps shows things to each viewer: times in their zone, the theme they chose.

test.describe('a staff member in Los Angeles', () => {
  test.use({ storageState: 'e2e/.auth/ops.json', timezoneId: 'America/Los_Angeles' });

  test('reads exact times on their own clock, with UTC on hover', async ({ page }) => {
    const { items } = (await (await page.request.get('/api/credentials?status=BLOCKED&limit=1')).json()) as { items: { token: string; createdAt: string }[] };
    await page.goto(`/credentials/${items[0].token}`);
    const created = page.locator('dt', { hasText: 'Created' }).locator('xpath=following-sibling::dd[1]').locator('time');
    await expect(created).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} P[SD]T$/);
    const utc = `${items[0].createdAt.slice(0, 10)} ${items[0].createdAt.slice(11, 16)} UTC`;
    await expect(created).toHaveAttribute('title', new RegExp(`· ${utc}$`));
  });
});

test.describe('the theme', () => {
  test.use({ storageState: 'e2e/.auth/analyst.json', colorScheme: 'light' });

  test('follows the system until someone picks one, and keeps the choice', async ({ page }) => {
    await page.goto('/credentials');
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    await page.getByRole('button', { name: /^Theme: system/ }).click(); // system → light
    await page.getByRole('button', { name: /^Theme: light/ }).click(); // light → dark
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await expect(page.getByRole('button', { name: /^Theme: dark/ })).toBeVisible();
  });
});
