// Lighthouse 12 (mobile: a mid-range phone on a slow 4G line, simulated) on logged-in pages of
// a running Sammen. Logs in once through the simulator in Chromium, then runs Lighthouse in a
// fresh Chromium (empty cache) with that session's cookie, `runs` times per page, and prints one
// JSON line per page with every run's scores.
//
// node run.mjs <base url> <login hint> <runs> <path=heading>...
import { chromium } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [base, hint, runs, ...pages] = process.argv.slice(2);
const chromePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const flags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

// The login, as a person does it: the session cookie is what Lighthouse needs.
const browser = await chromium.launch({ executablePath: chromePath, args: flags });
const context = await browser.newContext({ locale: 'da-DK' });
const page = await context.newPage();
await page.goto(`${base}/auth/mitid/login?login_hint=${hint}`);
await page.getByRole('heading', { level: 1, name: 'Mit overblik' }).waitFor();
// Each page shows its heading to this session, so a score below is never a login page's.
for (const spec of pages) {
  const [path, heading] = spec.split('=');
  await page.goto(`${base}${path}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}
const cookie = (await context.cookies(base)).map(c => `${c.name}=${c.value}`).join('; ');
await browser.close();
if (!cookie) throw new Error('the login set no cookie');

for (const spec of pages) {
  const [path, heading] = spec.split('=');
  const results = [];
  for (let i = 0; i < Number(runs); i++) {
    // Lighthouse sometimes fails to record a trace (NO_NAVSTART: "Please run Lighthouse
    // again"); such a run is repeated once. A low score never is.
    let lhr;
    for (let attempt = 1; ; attempt++) {
      lhr = await measure(`${base}${path}`, cookie);
      if (!lhr.runtimeError) break;
      if (attempt === 2) throw new Error(`${path}: ${lhr.runtimeError.message}`);
      console.error(`${path}: ${lhr.runtimeError.code}, running it again`);
    }
    // A page that fell back to the login or an error is not the page measured.
    if (!lhr.finalDisplayedUrl.endsWith(path)) throw new Error(`${path}: ended at ${lhr.finalDisplayedUrl}`);
    results.push({
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      lcp_ms: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
      tbt_ms: Math.round(lhr.audits['total-blocking-time'].numericValue),
      fcp_ms: Math.round(lhr.audits['first-contentful-paint'].numericValue),
      si_ms: Math.round(lhr.audits['speed-index'].numericValue),
      cls: Number(lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3)),
    });
  }
  console.log(JSON.stringify({ path, heading, runs: results }));
}

/** One Lighthouse run in a fresh Chromium (empty cache). */
async function measure(url, cookie) {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: flags });
  try {
    const result = await lighthouse(url, {
      port: chrome.port, output: 'json', logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      extraHeaders: { Cookie: cookie },
    });
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}
