import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';

// Links are sent through the links feature; here a few are written straight into the e2e database
// (with the refresh that followed one of them) so the recovery funnel has something to show, and an
// incident is opened as the ingestion would after an outage. All of it is removed afterwards.
const DB_FILE = 'data/e2e.db';
const HOUR_MS = 3_600_000;
const sqliteTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const MARK = 'e2e-analytics';

test.beforeAll(() => {
  const db = new Database(DB_FILE);
  const admin = db.prepare(`SELECT id FROM "User" WHERE email = 'admin@credops.test'`).get() as { id: string };
  // Links go to broken credentials, which no daily refresh touches: the recovery below is the only one.
  const credentials = db.prepare(`SELECT id FROM "Credential" WHERE status IN ('PENDING_SCA', 'BLOCKED') ORDER BY id LIMIT 3`).all() as { id: number }[];
  const sent = Date.now() - 48 * HOUR_MS;
  const link = db.prepare(
    `INSERT INTO "Link" (id, "credentialId", flow, "tokenHash", "recipientEmail", "senderId", state, "createdAt", "expiresAt", "lastSentAt", "openedAt", "completedAt", "recoveredAt")
     VALUES (?, ?, ?, ?, 'someone@example.com', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const at = (hours: number) => sqliteTime(sent + hours * HOUR_MS);
  // The first one's recovery is stamped as the ingestion would when it saw the refresh below.
  link.run(`${MARK}-1`, credentials[0].id, 'SCA', `${MARK}-hash-1`, admin.id, 'COMPLETED', at(0), at(72), at(0), at(1), at(2), at(3));
  link.run(`${MARK}-2`, credentials[1].id, 'SCA', `${MARK}-hash-2`, admin.id, 'OPENED', at(0), at(72), at(0), at(3), null, null);
  link.run(`${MARK}-3`, credentials[2].id, 'RESET', `${MARK}-hash-3`, admin.id, 'SENT', at(0), at(72), at(0), null, null, null);
  db.prepare(
    `INSERT INTO "RefreshRecord" ("credentialId", "attemptKey", trigger, outcome, "observedAt", "flanksUpdatedAt") VALUES (?, ?, 'SCA_RESOLVED', 'SUCCESS', ?, ?)`,
  ).run(credentials[0].id, MARK, at(4), at(3));
  const yesterday = new Date(Date.now() - 24 * HOUR_MS).toISOString().slice(0, 10);
  db.prepare(`INSERT INTO "Incident" ("institutionId", day, "failureRate", "baselineRate", "openedAt") VALUES ('santander_es', ?, 71.2, 1.4, ?)`).run(
    yesterday,
    sqliteTime(Date.now()),
  );
  db.close();
});

test.afterAll(() => {
  const db = new Database(DB_FILE);
  db.prepare(`DELETE FROM "Link" WHERE id LIKE ?`).run(`${MARK}-%`);
  db.prepare(`DELETE FROM "RefreshRecord" WHERE "attemptKey" = ?`).run(MARK);
  db.prepare(`DELETE FROM "Incident" WHERE "institutionId" = 'santander_es'`).run();
  db.close();
});

/** The text of each body row of a chart's table view. */
async function tableRows(page: Page, chart: string): Promise<string[][]> {
  const section = page.getByTestId(chart);
  await section.getByRole('button', { name: 'Show table' }).click();
  const rows = section.getByTestId(`${chart}-table`).locator('tbody tr');
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')));
}

const cell = (value: number | string | null, unit = '') => (value === null ? '—' : `${value}${unit}`);

test.describe('analytics', () => {
  test.use({ storageState: 'e2e/.auth/analyst.json' });

  test('draws every chart with data, and each table view shows the numbers the API gives', async ({ page }) => {
    await page.goto('/analytics');
    await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
    // Charts draw as they near the viewport: each appears once scrolled to.
    for (const chart of ['daily-outcomes', 'status-distribution', 'worst-institutions', 'data-freshness', 'recovery-funnel']) {
      await page.mouse.wheel(0, 600);
      await expect(page.getByTestId(`${chart}-chart`).locator('svg.recharts-surface').first(), chart).toBeVisible();
    }
    await expect(page.getByTestId('daily-outcomes')).toContainText('Incident: Banco Santander');

    const api = async <T,>(path: string) => (await (await page.request.get(path)).json()) as T;
    type Outcome = { day: string; success: number; scaRequired: number; invalidCredentials: number; institutionError: number; successRate: number | null };
    const outcomes = await api<{ items: Outcome[] }>('/api/analytics/daily-outcomes');
    expect(outcomes.items.length).toBeGreaterThan(20);
    expect(await tableRows(page, 'daily-outcomes')).toEqual(
      outcomes.items.map((d) => [d.day, d.success, d.scaRequired, d.invalidCredentials, d.institutionError, d.successRate].map((v, i) => cell(v, i === 5 ? '%' : ''))),
    );

    type Statuses = { day: string; active: number; pending: number; pendingSca: number; blocked: number };
    const statuses = await api<{ items: Statuses[] }>('/api/analytics/status-distribution');
    expect(statuses.items.length).toBeGreaterThan(20);
    expect(await tableRows(page, 'status-distribution')).toEqual(statuses.items.map((d) => [d.day, d.active, d.pending, d.pendingSca, d.blocked].map((v) => cell(v))));

    type Worst = { items: { institutionName: string; attempts: number; success: number; successRate: number }[] };
    const worst = await api<Worst>('/api/analytics/worst-institutions');
    expect(worst.items.length).toBeGreaterThan(0);
    expect(await tableRows(page, 'worst-institutions')).toEqual(worst.items.map((i) => [i.institutionName, cell(i.attempts), cell(i.success), cell(i.successRate, '%')]));

    const freshness = await api<{ buckets: { label: string; credentials: number }[] }>('/api/analytics/freshness');
    expect(freshness.buckets.reduce((sum, b) => sum + b.credentials, 0)).toBeGreaterThan(0);
    expect(await tableRows(page, 'data-freshness')).toEqual(freshness.buckets.map((b) => [b.label, cell(b.credentials)]));

    type Funnel = { flow: string; sent: number; opened: number; completed: number; refreshed: number; refreshedByReminders: { none: number; one: number; more: number }; medianHoursToRecover: number | null; p90HoursToRecover: number | null };
    const funnel = await api<{ items: Funnel[] }>('/api/analytics/recovery-funnel');
    expect(funnel.items.find((f) => f.flow === 'SCA')).toMatchObject({ sent: 2, opened: 2, completed: 1, refreshed: 1, refreshedByReminders: { none: 1, one: 0, more: 0 }, medianHoursToRecover: 3 });
    expect(await tableRows(page, 'recovery-funnel')).toEqual(
      funnel.items.map((f) => [f.flow, cell(f.sent), cell(f.opened), cell(f.completed), cell(f.refreshed), cell(f.medianHoursToRecover, ' h'), cell(f.p90HoursToRecover, ' h'), ...[f.refreshedByReminders.none, f.refreshedByReminders.one, f.refreshedByReminders.more].map((n) => cell(n))]),
    );
  });

  test('keeps the range and institutions in the URL, and the charts follow them', async ({ page }) => {
    await page.goto('/analytics');
    await page.getByRole('link', { name: '7 days' }).click();
    await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=/);
    await page.getByRole('button', { name: 'Institution' }).click();
    await page.getByRole('dialog').getByLabel('BBVA', { exact: true }).check();
    await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(page).toHaveURL(/institution=bbva_es/);
    const query = new URL(page.url()).search;
    const outcomes = (await (await page.request.get(`/api/analytics/daily-outcomes${query}`)).json()) as { items: { day: string; success: number }[] };
    expect(outcomes.items.length).toBeGreaterThan(0);
    expect(outcomes.items.length).toBeLessThanOrEqual(7);
    const rows = await tableRows(page, 'daily-outcomes');
    expect(rows.map((r) => [r[0], r[1]])).toEqual(outcomes.items.map((d) => [d.day, String(d.success)]));
  });

  test('answers a bad date with 400 and says which parameter is wrong', async ({ page }) => {
    const response = await page.request.get('/api/analytics/daily-outcomes?from=2026-02-30');
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('from');
  });
});

test.describe('institution incidents', () => {
  test('name the failing institution above the credentials list, and Operations acknowledge them', async ({ browser }) => {
    const analyst = await browser.newContext({ storageState: 'e2e/.auth/analyst.json' });
    const analystPage = await analyst.newPage();
    await analystPage.goto('/credentials');
    await expect(analystPage.getByTestId('incident-banner')).toContainText('Banco Santander');
    await expect(analystPage.getByRole('button', { name: /Acknowledge/ })).toHaveCount(0);
    await analyst.close();

    const ops = await browser.newContext({ storageState: 'e2e/.auth/ops.json' });
    const page = await ops.newPage();
    await page.goto('/credentials');
    await page.getByRole('button', { name: 'Acknowledge Banco Santander' }).click();
    await expect(page.getByTestId('incident-banner')).toContainText('Acknowledged');
    await ops.close();
  });
});
