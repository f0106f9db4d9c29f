// `npm run screenshots`: the README's pictures, taken in Debian's Chromium from a running demo
// (npm run demo, then this with BASE_URL if it is not http://localhost:3000). Signs in as the demo's
// operations user and writes docs/*.png: the list, a Blocked credential, analytics in light and dark,
// and the list on a phone.
import { chromium, type Page } from '@playwright/test';

const base = process.env.BASE_URL || 'http://localhost:3000';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

async function signedIn(options: Parameters<typeof browser.newContext>[0]): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, ...options });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('ops@credops.test');
  await page.getByLabel('Password').fill('credops-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/credentials$/);
  return page;
}

/** Scrolls through the page so every chart that draws on approach has drawn, then back to the top. */
async function drawCharts(page: Page) {
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 700);
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

const desktop = await signedIn({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
await desktop.goto('/credentials');
await desktop.screenshot({ path: 'docs/credentials-list.png' });
const { items } = (await (await desktop.request.get('/api/credentials?status=BLOCKED&limit=20')).json()) as { items: { token: string }[] };
const withLinks = await (async () => {
  for (const { token } of items) {
    const detail = (await (await desktop.request.get(`/api/credentials/${token}`)).json()) as { links: unknown[] };
    if (detail.links.length) return token;
  }
  return items[0].token;
})();
await desktop.goto(`/credentials/${withLinks}`);
await desktop.screenshot({ path: 'docs/credential-detail.png' });
await desktop.goto('/analytics');
await drawCharts(desktop);
await desktop.screenshot({ path: 'docs/analytics-light.png', fullPage: true });

const dark = await signedIn({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
await dark.goto('/analytics');
await drawCharts(dark);
await dark.screenshot({ path: 'docs/analytics-dark.png', fullPage: true });

const phone = await signedIn({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
await phone.goto('/credentials?status=BLOCKED');
await phone.screenshot({ path: 'docs/credentials-phone.png' });

await browser.close();
console.log('docs/credentials-list.png, credential-detail.png, analytics-light.png, analytics-dark.png, credentials-phone.png');
