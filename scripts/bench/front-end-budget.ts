// The front end's budget, measured against a running CredOps in Debian's Chromium through Lighthouse:
// for each console page, the performance and accessibility scores with Lighthouse's desktop and its
// simulated-mobile settings, and the JavaScript the browser actually fetched, in transfer bytes: the
// first load (the scripts the HTML names, without the `noModule` polyfill a modern browser skips) and
// everything fetched until the page settled (charts loaded after paint included).
import { existsSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Fails at once, before any seeding, where Lighthouse would have no browser to run. */
export function assertChromiumInstalled(): void {
  if (!existsSync(chromiumPath())) {
    throw new Error(`Lighthouse needs Chromium at ${chromiumPath()}: install Debian's (apt-get install chromium), or set CHROMIUM_PATH.`);
  }
}

export interface PageReport {
  path: string;
  desktop: { performance: number; accessibility: number; totalBlockingTimeMs: number };
  mobile: { performance: number; accessibility: number; totalBlockingTimeMs: number };
  /** The HTML's own scripts as the browser fetched them (compressed bytes on the wire), kB: the budget's measure. */
  firstLoadKb: number;
  /** Every script fetched while Lighthouse watched the page, kB. */
  allScriptsKb: number;
}

type FormFactor = 'desktop' | 'mobile';

// Lighthouse's own presets: desktop (40 ms RTT, 10 Mbit/s, no CPU slowdown) and mobile (Moto G
// class: 150 ms RTT, 1.6 Mbit/s, CPU ×4), both simulated, as PageSpeed reports them.
const SETTINGS: Record<FormFactor, object> = {
  desktop: {
    formFactor: 'desktop',
    screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
    throttling: { rttMs: 40, throughputKbps: 10_240, cpuSlowdownMultiplier: 1, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0 },
  },
  mobile: {
    formFactor: 'mobile',
    screenEmulation: { mobile: true, width: 412, height: 823, deviceScaleFactor: 1.75, disabled: false },
    throttling: { rttMs: 150, throughputKbps: 1_638.4, cpuSlowdownMultiplier: 4, requestLatencyMs: 562.5, downloadThroughputKbps: 1_474.56, uploadThroughputKbps: 675 },
  },
};

/** The scripts a modern browser loads from the page's HTML: every <script src> but the nomodule ones. */
async function firstLoadScripts(url: string, cookie: string): Promise<Set<string>> {
  const html = await (await fetch(url, { headers: { Cookie: cookie } })).text();
  const tags = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].filter((m) => !/\bnomodule\b/i.test(m[0]));
  return new Set(tags.map((m) => new URL(m[1].replaceAll('&amp;', '&'), url).href));
}

async function audit(chromePort: number, url: string, cookie: string, formFactor: FormFactor) {
  const result = await lighthouse(url, {
    port: chromePort,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    extraHeaders: { Cookie: cookie },
    throttlingMethod: 'simulate',
    ...SETTINGS[formFactor],
  });
  const lhr = result!.lhr;
  const requests = (lhr.audits['network-requests']?.details as { items?: { url: string; resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
  const scripts = requests.filter((r) => r.resourceType === 'Script');
  const firstLoad = await firstLoadScripts(url, cookie);
  const kb = (items: typeof scripts) => items.reduce((sum, r) => sum + (r.transferSize ?? 0), 0) / 1024;
  return {
    scores: {
      performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
      totalBlockingTimeMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
    },
    firstLoadKb: kb(scripts.filter((r) => firstLoad.has(r.url))),
    allScriptsKb: kb(scripts),
  };
}

/** Lighthouse, desktop then mobile, on each signed-in page, one Chromium for all of them. */
export async function frontEndReport(baseUrl: string, paths: string[], cookie: string): Promise<PageReport[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const reports: PageReport[] = [];
    for (const path of paths) {
      const desktop = await audit(chrome.port, `${baseUrl}${path}`, cookie, 'desktop');
      const mobile = await audit(chrome.port, `${baseUrl}${path}`, cookie, 'mobile');
      reports.push({ path, desktop: desktop.scores, mobile: mobile.scores, firstLoadKb: desktop.firstLoadKb, allScriptsKb: desktop.allScriptsKb });
    }
    return reports;
  } finally {
    await chrome.kill();
  }
}
