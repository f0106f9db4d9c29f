import { expect, request, test, type Page } from '@playwright/test';

// Single sign-on end to end against a real OpenID Connect provider started with the test server
// (e2e/support/oidc-provider.mjs): its own login and consent pages, then CredOps' callback.
test.use({ storageState: { cookies: [], origins: [] } });

async function signInWithSso(page: Page, login: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with SSO' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a staff member signs in through the identity provider, audited with their address', async ({ page, baseURL }) => {
  await signInWithSso(page, 'ops@credops.test');
  await expect(page).toHaveURL(/\/credentials$/);
  await expect(page.getByRole('link', { name: /Oscar Operations/ })).toBeVisible();

  const admin = await request.newContext({ baseURL, storageState: 'e2e/.auth/admin.json' });
  const audit = (await (await admin.get('/api/audit?action=auth.signIn&actor=ops@&limit=5')).json()) as { items: { details: string | null; ip: string | null }[] };
  expect(JSON.parse(audit.items[0].details!)).toMatchObject({ method: 'sso' });
  expect(audit.items[0].ip).toBe('127.0.0.1');
  await admin.dispose();
});

test('an address the identity provider did not verify is refused, whoever it names', async ({ page }) => {
  await signInWithSso(page, 'unverified:ops@credops.test');
  await expect(page).toHaveURL(/\/sign-in\?error=EmailNotVerified/);
  await expect(page.getByTestId('sign-in-error')).toContainText('has not verified that email address');
  await page.goto('/credentials');
  await expect(page).toHaveURL(/\/sign-in/);
});
