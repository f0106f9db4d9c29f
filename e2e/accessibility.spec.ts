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

/**
 * Brings each chart still waiting into view until every one has drawn. Scrolling to the end in a few
 * fast wheel turns is not enough: a placeholder passed between two frames never intersects, so its
 * chart waits for the reader to come back to it, as it should.
 */
async function drawEveryChart(page: Page) {
  const waiting = page.locator('[aria-busy="true"]');
  await expect(async () => {
    const left = await waiting.count();
    if (left > 0) await waiting.first().scrollIntoViewIfNeeded();
    expect(left).toBe(0);
  }).toPass({ timeout: 20_000 });
}

const A_BLOCKED_CREDENTIAL = 'a Blocked credential';

/** A page's path; a credential's page is that of the first Blocked credential the API lists. */
async function pathOf(page: Page, entry: string): Promise<string> {
  if (entry !== A_BLOCKED_CREDENTIAL) return entry;
  const { items } = (await (await page.request.get('/api/credentials?status=BLOCKED&limit=1')).json()) as { items: { token: string }[] };
  return `/credentials/${items[0].token}`;
}

const PAGES = ['/credentials', '/analytics', '/audit', '/admin/users', '/admin/mailbox', '/admin/settings', '/account', '/bulk-sends/new?status=BLOCKED', A_BLOCKED_CREDENTIAL];

// axe's full rule set takes 5–10 s on the credentials list on two cores (its colour-contrast rule
// alone ~4.5 s): a role's nine pages took 34–41 s, past the default 30 s. One test per page was
// measured too: the same checks took 5.4 min instead of 4.3, each test paying its own context.
const AXE_BUDGET_MS = 15_000;

for (const role of ['admin', 'ops', 'am', 'analyst'] as const) {
  test.describe(`every console page, as ${role}`, () => {
    test.use({ storageState: `e2e/.auth/${role}.json` });

    test('has no accessibility violation', async ({ page }) => {
      test.setTimeout(PAGES.length * AXE_BUDGET_MS);
      for (const entry of PAGES) {
        const path = await pathOf(page, entry);
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
    test.setTimeout(3 * AXE_BUDGET_MS);
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
    const pages = ['/credentials', A_BLOCKED_CREDENTIAL, '/analytics', '/admin/users', '/audit'];
    test.setTimeout(pages.length * AXE_BUDGET_MS);
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const entry of pages) {
      const path = await pathOf(page, entry);
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
