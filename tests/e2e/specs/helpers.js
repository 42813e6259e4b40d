import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now; any violation fails. */
export async function expectAccessible(page, state) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${state}`).toEqual([]);
}

/**
 * Collects console errors and CSP violations; the 401 the client gets when it asks "am I
 * logged in?" before login is expected and ignored.
 */
export function watchConsole(page) {
  const problems = [];
  page.on('console', msg => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (text.includes('status of 401')) return;
    problems.push(text);
  });
  page.on('pageerror', err => problems.push(`page error: ${err.message}`));
  return problems;
}

/** Logs in through the simulator's chooser page, as a person would. */
export async function loginAs(page, loginButton, identityName) {
  await page.getByRole('link', { name: loginButton }).click();
  await page.getByRole('button', { name: identityName }).click();
}

/** The page's h1 has keyboard focus (what the client does after every navigation). */
export async function expectFocusOnHeading(page) {
  await expect.poll(() => page.evaluate(() => document.activeElement && document.activeElement.id)).toBe('page-heading');
}
