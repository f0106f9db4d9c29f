import { expect, test as setup } from '@playwright/test';

// Signs in once per role and keeps the session for the specs (storage state).
for (const role of ['admin', 'ops', 'am', 'analyst'] as const) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(`${role}@credops.test`);
    await page.getByLabel('Password').fill('credops-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/credentials$/);
    await page.context().storageState({ path: `e2e/.auth/${role}.json` });
  });
}
