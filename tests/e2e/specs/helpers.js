import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * Every spec's `test`: like Playwright's, but each page a test's own context opens is watched
 * (see `watchConsole`) and any console error or page error fails the test, whether or not the
 * test asked. A test that expects some (a page answering 4xx on purpose) names them with
 * `test.use({ expectedConsole: [/…/] })`.
 */
export const test = base.extend({
  expectedConsole: [[], { option: true }],
  context: async ({ context, expectedConsole }, use) => {
    const problems = [];
    context.on('page', page => collectProblems(page, problems, expectedConsole));
    await use(context);
    expect(problems, 'console errors in the browser').toEqual([]);
  },
});

export { expect };

/** Runs axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) on the page as it is now; any violation fails. */
export async function expectAccessible(page, state) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${state}`).toEqual([]);
}

/**
 * Collects console errors and CSP violations; the 401 the client gets when it asks "am I
 * logged in?" before login is expected and ignored.
 */
export function watchConsole(page) {
  const problems = [];
  collectProblems(page, problems, []);
  return problems;
}

function collectProblems(page, problems, expected) {
  page.on('console', msg => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (text.includes('status of 401')) return;
    if (expected.some(pattern => pattern.test(text))) return;
    problems.push(`${page.url()}: ${text}`);
  });
  page.on('pageerror', err => problems.push(`page error: ${err.message}`));
  // The console names no address for a failed load; this says which it was.
  page.on('response', response => {
    const status = response.status();
    if (status >= 400 && status !== 401) console.log(`[${status}] ${response.request().method()} ${response.url()}`);
  });
}

/** Logs in through the simulator's chooser page, as a person would. */
export async function loginAs(page, loginButton, identityName) {
  await page.getByRole('link', { name: loginButton }).click();
  await page.getByRole('button', { name: identityName }).click();
}

/**
 * Records the page's navigations and API answers (addresses without their query, cookies by
 * name only) and returns a function that prints them: for a step whose failure would
 * otherwise say only where it ended, such as a login.
 */
export function traceRequests(page) {
  const lines = [];
  const t0 = Date.now();
  const where = url => url.split('?')[0];
  const at = () => `${String(Date.now() - t0).padStart(6)} ms`;
  page.on('request', r => {
    if (r.isNavigationRequest() || r.url().includes('/api/')) lines.push(`${at()} ${r.method()} ${where(r.url())}`);
  });
  page.on('response', async r => {
    if (!r.request().isNavigationRequest() && !r.url().includes('/api/')) return;
    const cookies = ((await r.allHeaders().catch(() => ({})))['set-cookie'] || '')
      .split('\n').filter(Boolean).map(c => c.split('=')[0] + (/max-age=0/i.test(c) ? ' (removed)' : ''));
    lines.push(`${at()}   ${r.status()} ${where(r.url())}${cookies.length ? ' sets ' + cookies.join(', ') : ''}`);
  });
  page.on('requestfailed', r => lines.push(`${at()}   failed ${where(r.url())}: ${r.failure()?.errorText}`));
  return () => console.log(lines.join('\n'));
}

/** A new browser context (its own cookies) logged in as `who`; returns its page. */
export async function loginInNewContext(browser, button, who) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await loginAs(page, button, who);
  return page;
}

/** The page's h1 has keyboard focus (what the client does after every navigation). */
export async function expectFocusOnHeading(page) {
  await expect.poll(() => page.evaluate(() => document.activeElement && document.activeElement.id)).toBe('page-heading');
}
