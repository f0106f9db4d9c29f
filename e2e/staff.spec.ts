import { expect, test } from '@playwright/test';

test.describe('an Admin managing staff', () => {
  test.use({ storageState: 'e2e/.auth/admin.json' });

  test('adds a user who signs in once with the one-time password, must choose their own, then is deactivated and their session stops', async ({ page, browser }) => {
    const email = `temp-${Date.now()}@credops.test`;
    await page.goto('/admin/users');
    await page.getByLabel('Name').fill('Temp Analyst');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Add user' }).click();
    const password = await page.getByTestId('one-time-password').locator('code').innerText();
    expect(password.length).toBeGreaterThanOrEqual(16);

    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } }); // not the admin's session
    const them = await theirs.newPage();
    await them.goto('/sign-in');
    await them.getByLabel('Email').fill(email);
    await them.getByLabel('Password').fill(password);
    await them.getByRole('button', { name: 'Sign in', exact: true }).click();
    // A password the Admin saw opens one page only: choosing their own.
    await expect(them).toHaveURL(/\/account$/);
    await them.goto('/credentials');
    await expect(them).toHaveURL(/\/account$/);
    await them.getByLabel('Current password').fill(password);
    await them.getByLabel('New password', { exact: true }).fill('password1234');
    await them.getByLabel('New password, again').fill('password1234');
    await them.getByRole('button', { name: 'Change password' }).click();
    await expect(them.getByTestId('password-message')).toContainText('too easy to guess');
    const own = 'seven quiet lanterns over the harbour';
    await them.getByLabel('New password', { exact: true }).fill(own);
    await them.getByLabel('New password, again').fill(own);
    await them.getByRole('button', { name: 'Change password' }).click();
    await expect(them).toHaveURL(/\/credentials$/);
    // The Admin's copy no longer works.
    const again = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const retry = await again.newPage();
    await retry.goto('/sign-in');
    await retry.getByLabel('Email').fill(email);
    await retry.getByLabel('Password').fill(password);
    await retry.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(retry.getByTestId('sign-in-error')).toContainText('Wrong email or password');
    await again.close();
    // An Analyst: no admin pages in the navigation.
    await expect(them.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);

    const row = page.getByTestId('user-row').filter({ hasText: email });
    await row.getByRole('button', { name: /Deactivate/ }).click();
    // Nothing happens until the question is answered.
    const question = page.getByRole('alertdialog', { name: `Deactivate ${email}?` });
    await expect(question).toBeVisible();
    await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
    expect((await theirs.request.get('/api/credentials')).status()).toBe(200);
    await question.getByRole('button', { name: 'Deactivate' }).click();
    await expect(row.getByText('Deactivated')).toBeVisible();
    await expect(page.getByRole('region', { name: /Notifications/ })).toContainText(`${email} was deactivated`);
    expect((await theirs.request.get('/api/credentials')).status()).toBe(401);
    await theirs.close();

    await page.goto(`/audit?target=&actor=admin`);
    await expect(page.getByTestId('audit-row').filter({ hasText: 'user.deactivate' }).first()).toBeVisible();
  });

  test('is told why the last active Admin cannot be demoted', async ({ page }) => {
    await page.goto('/admin/users');
    // The select is enabled once React can hear the choice (useHydrated); selectOption waits for that.
    await page.getByLabel('Role of admin@credops.test').selectOption('ANALYST');
    await page.getByRole('button', { name: 'Save role of admin@credops.test' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Make Analyst' }).click();
    await expect(page.getByRole('region', { name: /Notifications/ })).toContainText('last active Admin');
    await page.reload();
    await expect(page.getByLabel('Role of admin@credops.test')).toHaveValue('ADMIN');
  });

  test('changes no role while a role is only chosen, by the arrow keys or otherwise: only Save and the confirmation do', async ({ page }) => {
    await page.goto('/admin/users');
    const row = page.getByTestId('user-row').filter({ hasText: 'analyst@credops.test' });
    const role = row.getByLabel('Role of analyst@credops.test');
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.url());
    });
    // In the server's HTML the select is disabled: a choice made before hydration would be put back by React unheard.
    const served = await (await page.request.get('/admin/users')).text();
    expect(/<select[^>]*aria-label="Role of analyst@credops.test"[^>]*>/.exec(served)?.[0]).toContain('disabled');
    await expect(role).toBeEnabled();
    await role.focus();
    await page.keyboard.press('ArrowDown'); // on a closed native select this changes the value and fires change
    await page.keyboard.press('ArrowDown');
    await expect(role).not.toHaveValue('ANALYST');
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    expect(patches).toEqual([]);
    await row.getByRole('button', { name: 'Cancel' }).click();
    await expect(role).toHaveValue('ANALYST');
    await page.reload();
    await expect(page.getByLabel('Role of analyst@credops.test')).toHaveValue('ANALYST');
  });

  test('downloads the audit log as CSV', async ({ page }) => {
    await page.goto('/audit');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^credops-audit-.*\.csv$/);
  });
});

test('signing out ends the session', async ({ browser }) => {
  // A session of its own: signing out ends it for good, so the shared storage states must not be used.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('am@credops.test');
  await page.getByLabel('Password').fill('credops-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/credentials\?owner=me&sort=attention$/); // an account manager opens on their own
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/credentials');
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});
