import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Every console page for every role (a page a role may not open is its 403 page, which must be
// accessible too), the end-user pages, and the states people meet: empty, a bad filter, a dialog or
// popover open, dark mode, a phone. axe's full rule set; any violation fails.

async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(summary, `${what} at ${page.url()}`).toEqual([]);
}

/** Scrolls to the end so every chart that draws on approach has drawn. */
async function drawEveryChart(page: Page) {
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 700);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

async function aBlockedCredential(page: Page): Promise<string> {
  const { items } = (await (await page.request.get('/api/credentials?status=BLOCKED&limit=1')).json()) as { items: { token: string }[] };
  return items[0].token;
}

const PAGES = ['/credentials', '/analytics', '/audit', '/admin/users', '/admin/mailbox', '/admin/settings', '/account', '/bulk-sends/new?status=BLOCKED'];

for (const role of ['admin', 'ops', 'am', 'analyst'] as const) {
  test.describe(`every console page, as ${role}`, () => {
    test.use({ storageState: `e2e/.auth/${role}.json` });

    test('has no accessibility violation', async ({ page }) => {
      for (const path of [...PAGES, `/credentials/${await aBlockedCredential(page)}`]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        if (path === '/analytics') await drawEveryChart(page);
        await expectAccessible(page, `${path} as ${role}`);
      }
    });
  });
}

test.describe('console states', () => {
  test.use({ storageState: 'e2e/.auth/admin.json' });

  test('an empty list, a filter CredOps does not understand, and a missing credential', async ({ page }) => {
    await page.goto('/credentials?q=no-credential-matches-this');
    await expect(page.getByTestId('empty-list')).toBeVisible();
    await expectAccessible(page, 'empty list');
    await page.goto('/credentials?status=FROZEN');
    await expect(page.getByTestId('bad-filter')).toBeVisible();
    await expectAccessible(page, 'bad filter');
    await page.goto('/credentials/not-a-credential-token');
    await expectAccessible(page, 'credential not found');
  });

  test('with a filter popover, a confirmation and the shortcuts dialog open', async ({ page }) => {
    await page.goto('/credentials');
    await page.getByRole('button', { name: 'Institution' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, 'institution filter open');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectAccessible(page, 'shortcuts dialog');
    await page.keyboard.press('Escape');
    await page.goto('/admin/users');
    await page.getByTestId('user-row').filter({ hasText: 'analyst@credops.test' }).getByRole('button', { name: /Deactivate/ }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectAccessible(page, 'deactivate confirmation');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  });

  test('in dark mode', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const path of ['/credentials', `/credentials/${await aBlockedCredential(page)}`, '/analytics', '/admin/users', '/audit']) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveClass(/dark/);
      if (path === '/analytics') await drawEveryChart(page);
      await expectAccessible(page, `${path}, dark`);
    }
  });
});

test.describe('end-user and sign-in pages', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('have no accessibility violation', async ({ page }) => {
    await page.goto('/sign-in');
    await expectAccessible(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectAccessible(page, 'sign-in with errors');
    await page.goto('/l/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await expectAccessible(page, 'a link that is not valid');
  });
});
