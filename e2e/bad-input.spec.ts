import { expect, request as playwrightRequest, test } from '@playwright/test';
import { discoverRoutes } from './support/discover-routes.ts';

// Issue 16: input no query can use was a bare 500. A NUL in the search reached the database; a cursor
// with a date Date.parse accepts but no database holds reached the query; a path that is not UTF-8
// made Next's own decoding of the dynamic segment throw before any of CredOps ran, and a NUL in one reached PostgreSQL.

const BAD_PATH = 'The address is not valid: each part of its path must be UTF-8 text without control characters.';
const BAD_FILTER = 'This link has a filter CredOps does not understand.';
// Not UTF-8 (an overlong "/", a lone 0xFF), a broken escape (one digit short), a NUL (PostgreSQL refuses it in text).
const MALFORMED_SEGMENTS = ['%C0%AF', '%FF', '%E0%A4%A', '%00'];
const cursorOf = (value: unknown, id: unknown) => Buffer.from(JSON.stringify([value, id])).toString('base64url');
const dynamicRoutes = discoverRoutes().filter((r) => r.path.includes('['));

for (const who of [null, 'admin'] as const) {
  test(`${who ?? 'anonymous'}: a path segment that is not UTF-8 is a 400 from the API and never a 500 on a page`, async ({ baseURL }) => {
    const context = await playwrightRequest.newContext({ baseURL, ...(who ? { storageState: `e2e/.auth/${who}.json` } : {}) });
    for (const route of dynamicRoutes) {
      for (const segment of MALFORMED_SEGMENTS) {
        const url = route.path.replace(/\[[^\]]+\]/g, segment);
        for (const method of route.methods) {
          const response = await context.fetch(url, { method, maxRedirects: 0, ...(method === 'GET' ? {} : { data: {}, headers: { Origin: baseURL! } }) });
          const label = `${who ?? 'anonymous'} ${method} ${url}`;
          if (url.startsWith('/api/')) {
            expect(response.status(), label).toBe(400);
            expect(await response.json(), label).toEqual({ error: BAD_PATH });
          } else {
            // A page, or the end user's return from Flanks (/l/…/done), answers it as an unknown token.
            expect(response.status(), label).toBeLessThan(500);
          }
        }
      }
    }
    await context.dispose();
  });
}

test.describe('as the demo admin', () => {
  test.use({ storageState: 'e2e/.auth/admin.json' });

  test('a credential address that is not UTF-8 shows the credential not-found page', async ({ page }) => {
    for (const segment of MALFORMED_SEGMENTS) {
      const response = await page.goto(`/credentials/${segment}`);
      expect(response?.status(), segment).toBe(404);
      await expect(page.getByTestId('credential-not-found')).toBeVisible();
    }
  });

  test('a control character in the search is a 400 naming q, on the list and on the counts', async ({ page }) => {
    for (const path of ['/api/credentials?q=%00abc', '/api/credentials/counts?q=%00abc', '/api/credentials?q=ab%07c']) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(400);
      expect((await response.json()).error, path).toContain('q: must not contain control characters');
    }
    await page.goto('/credentials?q=%00abc');
    await expect(page.getByText(BAD_FILTER)).toBeVisible();
  });

  test('a cursor whose date no database holds, or whose id no row has, is a 400', async ({ page }) => {
    const cursors = [cursorOf('+275760-09-13T00:00:00.000Z', 1), cursorOf('-271821-04-20', 1), cursorOf('2026-01-01T00:00:00.000Z', 2 ** 63)];
    for (const cursor of cursors) {
      for (const parameter of ['cursor', 'before']) {
        const response = await page.request.get(`/api/credentials?${parameter}=${cursor}`);
        expect(response.status(), `${parameter} ${cursor}`).toBe(400);
        expect(await response.json()).toEqual({ error: `${parameter}: is not a cursor this API returned` });
      }
    }
    await page.goto(`/credentials?cursor=${cursors[0]}`);
    await expect(page.getByText(BAD_FILTER)).toBeVisible();
  });
});

test('an end-user link that is not UTF-8 says the link is not valid', async ({ page }) => {
  for (const segment of MALFORMED_SEGMENTS) {
    await page.goto(`/l/${segment}`);
    await expect(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
  }
});
