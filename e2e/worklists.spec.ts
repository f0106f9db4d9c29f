import { expect, test } from '@playwright/test';

// Organising the work: whose credentials, and which have waited too long.

test.describe('an Operations person', () => {
  test.use({ storageState: 'e2e/.auth/ops.json' });

  test('reads how long the Blocked ones have waited, in buckets that add up to the Blocked count', async ({ page }) => {
    await page.goto('/credentials');
    const blocked = Number((await page.getByTestId('count-Blocked').innerText()).replace(/,/g, ''));
    const aging = await page.getByTestId('aging-Blocked').innerText();
    const buckets = [...aging.matchAll(/: ([\d,]+)/g)].map((m) => Number(m[1].replace(/,/g, '')));
    expect(buckets).toHaveLength(3);
    expect(buckets.reduce((a, b) => a + b, 0)).toBe(blocked);
  });

  test('lists the credentials over their recovery target, each marked so', async ({ page }) => {
    await page.goto('/credentials');
    await page.getByLabel('Over target only').check();
    await expect(page).toHaveURL(/overTarget=true/);
    const rows = page.getByTestId('credential-row');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBe(await rows.filter({ hasText: 'Over target' }).count());
    for (const status of await rows.getByText(/^(Active|Pending|Pending SCA|Blocked)$/).allInnerTexts()) expect(['Blocked', 'Pending SCA']).toContain(status);
  });
});

test.describe('an Admin', () => {
  test.use({ storageState: 'e2e/.auth/admin.json' });

  test('sets the recovery targets, and the list follows them', async ({ page }) => {
    const overTarget = async () => ((await (await page.request.get('/api/credentials/counts?overTarget=true')).json()) as { total: number }).total;
    const before = await overTarget();
    await page.goto('/admin/settings');
    await page.getByLabel('Blocked, days').fill('90');
    await page.getByLabel('Pending SCA, days').fill('90');
    await page.getByRole('button', { name: 'Save targets' }).click();
    await expect(page.getByRole('region', { name: /Notifications/ })).toContainText('Targets saved: Blocked 90 d, Pending SCA 90 d.');
    expect(await overTarget()).toBeLessThan(before);
    // Put the defaults back for the other specs.
    await page.getByLabel('Blocked, days').fill('3');
    await page.getByLabel('Pending SCA, days').fill('5');
    await page.getByRole('button', { name: 'Save targets' }).click();
    await expect(page.getByRole('region', { name: /Notifications/ })).toContainText('Targets saved: Blocked 3 d, Pending SCA 5 d.');
    expect(await overTarget()).toBe(before);
  });

  test('answers a target out of range with a 400 that names it', async ({ page, baseURL }) => {
    const response = await page.request.put('/api/admin/recovery-targets', { data: { BLOCKED: 0, PENDING_SCA: 5 }, headers: { Origin: baseURL! } });
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('BLOCKED');
  });
});
