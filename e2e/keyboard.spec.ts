import { expect, test, type Page } from '@playwright/test';

// The list and a send, with the keyboard alone: no click, no mouse.

/** Presses Tab until `name` has focus; fails after `limit` presses. Returns how many it took. */
async function tabTo(page: Page, name: RegExp, limit: number): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (name.test(focused)) return presses;
  }
  throw new Error(`${name} not reached in ${limit} Tab presses`);
}

test.describe('with the keyboard alone', () => {
  test.use({ storageState: 'e2e/.auth/am.json' });

  test('an account manager finds a Pending SCA credential, opens it and sends its SCA link', async ({ page }) => {
    // Past the ones e2e/links.spec.ts and e2e/analytics.spec.ts send links to (the first few by age):
    // an end user gets one email a day per credential and flow.
    const { items } = (await (await page.request.get('/api/credentials?status=PENDING_SCA&limit=50&sort=createdAt&order=asc')).json()) as { items: { token: string; contacts: { email: string }[] }[] };
    const target = items.slice(20).find((c) => c.contacts.length > 0)!;

    await page.goto('/credentials?status=PENDING_SCA');
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox')).toBeFocused();
    await page.keyboard.type(target.token);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('credential-row')).toHaveCount(1);
    await page.keyboard.press('Tab'); // out of the field, so letters are shortcuts again
    await page.keyboard.press('j');
    await expect(page.getByTestId('credential-row').getByRole('link')).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(new RegExp(`/credentials/${target.token}$`));
    await expect(page).toHaveTitle(new RegExp(`· Pending SCA · ${target.token.slice(0, 8)} — CredOps$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await page.keyboard.press('r'); // the Reset shortcut does nothing on a credential that needs SCA
    await expect(page.getByRole('form', { name: 'Send Reset link' })).toHaveCount(0);
    await page.keyboard.press('s');
    const form = page.getByRole('form', { name: 'Send SCA link' });
    await expect(form.getByRole('radio', { name: new RegExp(target.contacts[0].email) })).toBeFocused();
    await tabTo(page, /^Send SCA link$/, 8);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: /Notifications/ })).toContainText(`SCA link sent to ${target.contacts[0].email}`);
    await expect(page.getByTestId('link').first()).toContainText(`SCA link to ${target.contacts[0].email}`);
  });

  test('moves through the rows with j and k, and reaches the next page in a few Tab presses', async ({ page }) => {
    await page.goto('/credentials?owner=any');
    const links = page.getByTestId('credential-row').getByRole('link');
    await page.keyboard.press('j');
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(links.nth(2)).toBeFocused();
    await page.keyboard.press('k');
    await expect(links.nth(1)).toBeFocused();

    await page.goto('/credentials?owner=any');
    // Past the skip link, the page itself: the header (navigation, one stop per saved view) is skipped.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.locator('#main')).toBeFocused();
    const presses = await tabTo(page, /^Next page →$/, 40);
    expect(presses).toBeLessThanOrEqual(25);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/cursor=/);
  });

  test('a skip link goes straight to the page, and ? lists the shortcuts', async ({ page }) => {
    await page.goto('/credentials?owner=any');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main')).toBeFocused();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toContainText('Move to the next credential');
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
  });
});

test.describe('filters that wait for intent', () => {
  test.use({ storageState: 'e2e/.auth/ops.json' });

  test('a date typed digit by digit filters once, when it is complete', async ({ page }) => {
    await page.goto('/credentials');
    const navigations: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() || request.headers()['rsc']) navigations.push(request.url());
    });
    const from = page.getByLabel('Created from');
    await from.focus();
    await page.keyboard.type('03152026'); // month, day, year, as an en-US date field takes them
    await page.waitForTimeout(300);
    expect(navigations.filter((u) => u.includes('createdFrom'))).toEqual([]);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/createdFrom=2026-03-15/);
    await expect(from).toHaveValue('2026-03-15');
  });

  test('the institution filter applies once for several ticks, closes on Escape without applying, and adds no history entry', async ({ page }) => {
    await page.goto('/audit');
    await page.goto('/credentials');
    const filter = page.getByRole('button', { name: 'Institution' });
    await filter.click();
    const popover = page.getByRole('dialog', { name: 'Institution' });
    await popover.getByLabel('BBVA', { exact: true }).check();
    await page.keyboard.press('Escape');
    await expect(popover).toHaveCount(0);
    await expect(page).toHaveURL(/\/credentials$/);
    await expect(filter).toBeFocused();

    await page.keyboard.press('Enter');
    await popover.getByLabel('BBVA', { exact: true }).focus();
    await page.keyboard.press('Enter'); // Enter ticks, as Space does
    await expect(popover.getByLabel('BBVA', { exact: true })).toBeChecked();
    await popover.getByLabel('Banco Santander', { exact: true }).check();
    await page.mouse.click(5, 5); // a click elsewhere applies and closes
    await expect(popover).toHaveCount(0);
    await expect(page).toHaveURL(/institution=bbva_es%2Csantander_es|institution=santander_es%2Cbbva_es/);
    await expect(page.getByRole('button', { name: 'Institution: 2' })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/\/audit/);
  });
});
