import { expect, test } from '@playwright/test';

// A phone (390 px, an iPhone 12–15): no console page scrolls sideways; wide tables scroll inside
// themselves, and Sign out is on screen.

test.describe('on a phone', () => {
  test.use({ storageState: 'e2e/.auth/admin.json', viewport: { width: 390, height: 844 } });

  test('no console page is wider than the screen', async ({ page }) => {
    const { items } = (await (await page.request.get('/api/credentials?status=BLOCKED&limit=1')).json()) as { items: { token: string }[] };
    for (const path of ['/credentials', `/credentials/${items[0].token}`, '/analytics', '/audit', '/admin/users', '/admin/mailbox', '/account', '/bulk-sends/new?status=BLOCKED']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      // The elements that stick out, named, so a failure says where to look.
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > 391 && !e.closest('[role="region"]')) // a region scrolls by design
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 4).join('.')}`),
      );
      expect(wide, path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      if (path !== '/account') await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeInViewport();
    }
  });
});
