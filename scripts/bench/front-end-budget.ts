// The front end's budget, measured against a running CredOps: first-load JavaScript of a page (every
// script the HTML loads, gzipped, as the browser downloads it) and a Lighthouse run in Debian's Chromium.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

/** Sum of the gzipped size of every script the page's HTML loads, in kB. */
export async function firstLoadJsKb(baseUrl: string, path: string, cookie: string): Promise<number> {
  const html = await (await fetch(`${baseUrl}${path}`, { headers: { Cookie: cookie } })).text();
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let bytes = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    bytes += gzipSync(body).length;
  }
  return bytes / 1024;
}

const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Fails at once, before any seeding, where Lighthouse would have no browser to run. */
export function assertChromiumInstalled(): void {
  if (!existsSync(chromiumPath())) {
    throw new Error(`Lighthouse needs Chromium at ${chromiumPath()}: install Debian's (apt-get install chromium), or set CHROMIUM_PATH.`);
  }
}

/** Lighthouse's performance and accessibility scores (0–100) for a signed-in page. */
export async function lighthouseScores(url: string, cookie: string): Promise<{ performance: number; accessibility: number }> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      extraHeaders: { Cookie: cookie },
      // Loopback: there is no network to throttle, and simulated throttling would invent one.
      throttlingMethod: 'provided',
      formFactor: 'desktop',
      screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
    });
    const categories = result!.lhr.categories;
    return { performance: Math.round((categories.performance.score ?? 0) * 100), accessibility: Math.round((categories.accessibility.score ?? 0) * 100) };
  } finally {
    await chrome.kill();
  }
}
