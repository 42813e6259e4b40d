// Min plan as the server renders it for a logged-in citizen, and the web client taking it over,
// on the demo as `cargo xtask run` seeds it (plans with a proposal waiting for agreement, a step
// under way with comments, a step achieved together, questions asked). The server's copy must be
// the client's page: the same elements, words and field ids, only with its controls disabled
// until the client has come.
import { test, expect, expectAccessible, watchConsole, loginAs } from './helpers.js';

test.use({ baseURL: process.env.SAMMEN_E2E_EXAMPLES_URL });

/** Every element of the page's main part in order: tag, the attributes that carry meaning, its own words. */
function shapeOf(selector) {
  const keep = ['id', 'class', 'href', 'for', 'type', 'name', 'rows', 'role', 'tabindex', 'datetime',
    'aria-labelledby', 'aria-describedby', 'aria-invalid', 'aria-hidden', 'aria-live'];
  const root = document.querySelector(selector);
  const out = [];
  const walk = el => {
    const attrs = keep.filter(a => el.hasAttribute(a)).map(a => `${a}=${el.getAttribute(a)}`);
    if (el.tagName === 'OPTION') attrs.push(`value=${el.value}`, `selected=${el.selected}`);
    const words = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)
      .map(n => n.textContent).join('').replace(/\s+/g, ' ').trim();
    out.push(`${el.tagName.toLowerCase()} ${attrs.join(' ')} | ${words}`);
    [...el.children].forEach(walk);
  };
  walk(root);
  return out;
}

for (const who of ['Henrik Sørensen', 'Karim Haddad', 'Freja Nielsen', 'Sofie Larsen']) {
  test(`Min plan for ${who}: the server's page is the client's, and the takeover moves nothing`, async ({ browser }) => {
    const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 320, height: 740 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver(list => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto('/');
    await loginAs(page, 'Log på med MitID', who);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');

    // Held back, the client cannot take over: what shows is the server's page alone.
    let release;
    const held = new Promise(resolve => { release = resolve; });
    await page.route('**/assets/js/boot-*.js', async route => { await held; await route.continue(); });
    // (Not waiting for the load event: the held start script delays it.)
    await page.goto('/min-plan', { waitUntil: 'commit' });
    await expect(page.locator('#boot[data-server-rendered]')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min plan');
    await expect(page).toHaveTitle('Min plan – Sammen');
    await expect(page.getByRole('region', { name: 'Trin i planen' })).toBeVisible();
    // The controls are there, but wait for the client.
    await expect(page.getByRole('button', { name: 'Udskriv planen' })).toBeDisabled();
    await expectAccessible(page, `Min plan for ${who}, server-rendered, 320 px`);
    await page.getByRole('link', { name: 'Se hvem der har ændret hvad' }).focus();
    const server = await page.evaluate(shapeOf, '#boot main');
    // A page of a plan, not of an empty frame.
    expect(server.length).toBeGreaterThan(60);
    const text = await page.evaluate(() => document.body.innerText);
    const shiftBefore = await page.evaluate(() => window.__shift);

    release();
    await expect(page.locator('#boot')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Menu' })).toBeVisible();
    const client = await page.evaluate(shapeOf, 'main');
    expect(server).toEqual(client);
    expect(await page.evaluate(() => document.body.innerText)).toBe(text);
    expect(await page.evaluate(() => window.__shift), `${shiftBefore} before the client came`).toBe(shiftBefore);
    await expect(page.getByRole('link', { name: 'Se hvem der har ændret hvad' })).toBeFocused();
    await expect(page.getByRole('button', { name: 'Udskriv planen' })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Send kommentar' }).first()).toBeEnabled();
    await expectAccessible(page, `Min plan for ${who}, taken over by the web client`);
    expect(problems).toEqual([]);
    await context.close();
  });
}
