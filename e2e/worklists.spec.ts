import { expect, test, type Page } from '@playwright/test';

// Organising the work: whose credentials, and which have waited too long.

test.describe('an Account manager’s morning', () => {
  test.use({ storageState: 'e2e/.auth/am.json' });

  test('opens on her own credentials, needing attention first, opens the top one and sends its link', async ({ page }) => {
    await page.goto('/credentials');
    await expect(page).toHaveURL(/owner=me&sort=attention$/);
    await expect(page.getByRole('button', { name: 'Needs attention first' })).toHaveAttribute('aria-pressed', 'true');
    const rows = page.getByTestId('credential-row');
    await expect(rows.first()).toContainText(/Blocked|Pending SCA/);
    await expect(rows.first().getByTestId('attention-reason')).toContainText(/^Ranked here: Waited \d+ d in this status/);
    // The top one she can email today: a contact on file, no link out already.
    const top = rows.filter({ has: page.getByTestId('attention-reason').filter({ hasNotText: 'link went out' }) }).filter({ hasNot: page.locator('td', { hasText: /^None$/ }) }).first();
    const status = (await top.getByText(/^(Blocked|Pending SCA)$/).innerText()) === 'Blocked' ? 'Reset' : 'SCA';
    await top.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await page.keyboard.press(status === 'Reset' ? 'r' : 's');
    const form = page.getByRole('form', { name: `Send ${status} link` });
    await form.getByRole('button', { name: `Send ${status} link` }).click();
    await expect(page.getByRole('region', { name: /Notifications/ })).toContainText(`${status} link sent to`);
  });
});

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

  test('opens the shared "Recurring" view: each one is marked, and its page says to call the client', async ({ page }) => {
    await page.goto('/credentials');
    await page.getByRole('navigation', { name: 'Saved views' }).getByRole('link', { name: /Recurring/ }).click();
    await expect(page).toHaveURL(/recurring=true/);
    const rows = page.getByTestId('credential-row');
    await expect(rows.first()).toBeVisible();
    expect(await rows.filter({ hasText: 'Recurring' }).count()).toBe(await rows.count());
    await rows.first().getByRole('link').click();
    await expect(page.getByTestId('recurring-advice')).toContainText('call the client rather than email again');
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

test.describe('an Operations person handing work over', () => {
  test.use({ storageState: 'e2e/.auth/ops.json' });

  test('assigns every Pending SCA credential to a colleague, after a preview, and each one says so', async ({ page }) => {
    // The e2e company is small (6 Blocked): its Pending SCA ones span two pages of 25.
    const view = '/credentials?status=PENDING_SCA&owner=any&limit=25';
    await page.goto(view);
    const total = Number((await page.getByTestId('page-range').first().innerText()).match(/of ([\d,]+)/)![1].replace(/,/g, ''));
    expect(total).toBeGreaterThan(25);
    const movingRow = page.getByTestId('credential-row').filter({ has: page.locator('td:last-child', { hasNotText: 'Marc Soler' }) }).first();
    const movingHref = await movingRow.getByRole('link').getAttribute('href');
    await page.getByLabel('Select every row on this page').check();
    await expect(page.getByTestId('selection-bar')).toContainText('25 selected on this page.');
    await page.getByRole('button', { name: `Select all ${total.toLocaleString('en')} matching this view` }).click();
    await expect(page.getByTestId('selection-bar')).toContainText(`All ${total.toLocaleString('en')} credentials matching this view are selected.`);
    await page.getByRole('button', { name: 'Assign…' }).click();
    const dialog = page.getByRole('dialog', { name: `Assign ${total.toLocaleString('en')} credentials` });
    await dialog.getByLabel('New owner').selectOption({ label: 'Marc Soler' });
    await expect(dialog.getByTestId('assign-preview')).toContainText('will move to Marc Soler');
    const moving = Number((await dialog.getByTestId('assign-preview').locator('strong').first().innerText()).replace(/[^\d]/g, ''));
    await dialog.getByRole('button', { name: /^Assign [\d,]+ credentials?$/ }).click();
    const progress = page.getByRole('dialog', { name: 'Assigning credentials' });
    await expect(progress.getByTestId('assign-progress-text')).toContainText(`Finished: ${total.toLocaleString('en')} of ${total.toLocaleString('en')}`, { timeout: 30_000 });
    await expect(progress.getByTestId('assign-progress-text')).toContainText(`${moving.toLocaleString('en')} assigned`);
    await progress.getByRole('button', { name: 'Done' }).click();

    await page.goto(view);
    const owners = await page.getByTestId('credential-row').locator('td:last-child').allInnerTexts();
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set(['Marc Soler']));
    await page.goto(movingHref!);
    await expect(page.getByTestId('timeline')).toContainText('assigned it, with others, from');
    await expect(page.getByTestId('timeline')).toContainText('to Marc Soler');
  });

  test('is refused with both counts when the view changed since the preview', async ({ page, baseURL }) => {
    const response = await page.request.post('/api/credentials/assign', { data: { ownerId: null, filter: { status: 'BLOCKED' }, expectedCount: 1 }, headers: { Origin: baseURL! } });
    expect(response.status()).toBe(409);
    expect(((await response.json()) as { error: string }).error).toMatch(/now matches [\d,]+ credentials, not the 1 the preview showed: preview again/);
  });
});

test.describe('an Analyst with saved views', () => {
  test.use({ storageState: 'e2e/.auth/analyst.json' });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Saved views' });
  const total = async (page: Page) => Number((await page.getByTestId('page-range').first().innerText()).match(/of ([\d,]+)/)![1].replace(/,/g, ''));

  test('opens a shared worklist from the navigation, whose count is the list’s', async ({ page }) => {
    await page.goto('/credentials');
    const shared = nav(page).getByRole('link', { name: /Pending SCA, no link sent/ });
    // The counts arrive after the page (the layout does not wait for them).
    await expect(shared).toHaveText(/\d$/);
    const count = Number((await shared.innerText()).match(/([\d,]+)$/)![1].replace(/,/g, ''));
    await shared.click();
    await expect(page).toHaveURL(/status=PENDING_SCA&link=none/);
    await expect(shared).toHaveAttribute('aria-current', 'page');
    expect(await total(page)).toBe(count);
  });

  test('saves a view of her own, renames it, and deletes it after confirming', async ({ page }) => {
    await page.goto('/credentials?status=BLOCKED&sort=statusChangedAt');
    await page.getByRole('button', { name: 'Save view…' }).click();
    await page.getByRole('dialog', { name: 'Save this view' }).getByLabel('Name').fill('My blocked, oldest first');
    await page.getByRole('button', { name: 'Save view', exact: true }).click();
    await expect(page.getByRole('region', { name: /Notifications/ })).toContainText('Saved "My blocked, oldest first"');
    const mine = nav(page).getByRole('link', { name: /My blocked, oldest first/ });
    await expect(mine).toHaveAttribute('href', '/credentials?status=BLOCKED&sort=statusChangedAt');
    await expect(mine).toContainText(String(await total(page)));

    await page.goto('/views');
    const row = page.getByTestId('view-row').filter({ hasText: 'My blocked, oldest first' });
    await expect(row).toContainText('Only you');
    await row.getByRole('button', { name: 'Rename My blocked, oldest first' }).click();
    await page.getByLabel('New name of My blocked, oldest first').fill('Blocked, oldest first');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByTestId('view-row').filter({ hasText: 'Blocked, oldest first' })).toBeVisible();
    await page.getByRole('button', { name: 'Delete… Blocked, oldest first' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete view' }).click();
    await expect(page.getByTestId('view-row').filter({ hasText: 'Blocked, oldest first' })).toHaveCount(0);
    await expect(nav(page).getByRole('link', { name: /oldest first/ })).toHaveCount(0);
  });
});

test.describe('an Analyst reading recovery times', () => {
  test.use({ storageState: 'e2e/.auth/analyst.json' });

  test('reads the share of recoveries within target, overall and per institution, as the API counts them', async ({ page }) => {
    const times = (await (await page.request.get('/api/analytics/recovery-times')).json()) as { overall: { recovered: number; withinTarget: number }; byInstitution: { name: string; recovered: number; withinTarget: number }[] };
    expect(times.overall.recovered).toBeGreaterThan(0);
    await page.goto('/analytics');
    const share = `${Math.round((times.overall.withinTarget / times.overall.recovered) * 100)}%`;
    await expect(page.getByTestId('recovery-overall')).toContainText(`${share} of ${times.overall.recovered.toLocaleString('en')} recoveries came within target`);
    const top = times.byInstitution[0];
    const row = page.getByTestId('recovery-by-institution').getByRole('row', { name: new RegExp(`^${top.name} `) });
    await expect(row).toContainText(`${Math.round((top.withinTarget / top.recovered) * 100)}%`);
  });
});
