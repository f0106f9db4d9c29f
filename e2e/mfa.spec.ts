import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { generate } from 'otplib';

// The Admin set up a second factor in auth.setup.ts; these sign in again with it, in fresh browsers.
// Read when a test runs: the files are loaded before the set-up has written it.
const adminMfa = () => JSON.parse(readFileSync('e2e/.auth/admin-mfa.json', 'utf8')) as { secret: string; recoveryCodes: string[] };
test.use({ storageState: { cookies: [], origins: [] } });

async function password(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('admin@credops.test');
  await page.getByLabel('Password').fill('credops-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel('Authentication code')).toBeVisible();
}

test('an Admin with a second factor needs its code after the password; a wrong code keeps them out', async ({ page }) => {
  await password(page);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Authentication code').fill('123456');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('sign-in-error')).toContainText('Wrong email, password or code');
  // The next time step's code: the one used at set-up cannot be replayed.
  await page.getByLabel('Authentication code').fill(await generate({ secret: adminMfa().secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/credentials$/);
});

test('a recovery code signs in once, and never again', async ({ page, browser }) => {
  const { recoveryCodes } = adminMfa();
  await password(page);
  await page.getByLabel('Authentication code').fill(recoveryCodes[0].toLowerCase());
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/credentials$/);

  const again = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const second = await again.newPage();
  await password(second);
  await second.getByLabel('Authentication code').fill(recoveryCodes[0]);
  await second.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(second.getByTestId('sign-in-error')).toContainText('Wrong email, password or code');
  await again.close();
});
