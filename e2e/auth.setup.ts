import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test as setup } from '@playwright/test';
import { generate } from 'otplib';

// Signs in once per role and keeps the session for the specs (storage state). Admins must have a
// second factor (MFA_REQUIRED_ROLES' default): the Admin sets one up here, in the browser, as a new
// Admin would, and keeps its key and recovery codes for e2e/mfa.spec.ts.
for (const role of ['admin', 'ops', 'am', 'analyst'] as const) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(`${role}@credops.test`);
    await page.getByLabel('Password').fill('credops-demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    if (role === 'admin') {
      await expect(page).toHaveURL(/\/account$/);
      await page.goto('/credentials');
      await expect(page).toHaveURL(/\/account$/);
      await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
      const secret = await page.getByTestId('mfa-secret').innerText();
      await page.getByLabel('The 6-digit code it shows').fill('000000');
      await page.getByRole('button', { name: 'Turn on' }).click();
      await expect(page.getByTestId('mfa-error')).toContainText('is not the code');
      await page.getByLabel('The 6-digit code it shows').fill(await generate({ secret }));
      await page.getByRole('button', { name: 'Turn on' }).click();
      await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
      const recoveryCodes = (await page.getByTestId('recovery-codes').locator('li').allInnerTexts()).map((c) => c.trim());
      mkdirSync('e2e/.auth', { recursive: true }); // a fresh clone has none yet
      writeFileSync('e2e/.auth/admin-mfa.json', JSON.stringify({ secret, recoveryCodes }));
      await page.getByRole('button', { name: 'I have saved them: continue' }).click();
    }
    await expect(page).toHaveURL(role === 'am' ? /\/credentials\?owner=me&sort=attention$/ : /\/credentials$/); // an account manager opens on their own
    await page.context().storageState({ path: `e2e/.auth/${role}.json` });
  });
}
