// Min plan and Min profil as the server renders them for a logged-in citizen, and the web client
// taking them over, on the demo as `cargo xtask run` seeds it (plans with a proposal waiting for
// agreement, a step under way with comments, a step achieved together, questions asked;
// competences, limitations, accommodations). The server's copy must be the client's page: the
// same elements, words and field ids, only with its controls disabled until the client has come.
import { test, expect, expectAccessible, watchConsole, loginAs, traceRequests } from './helpers.js';

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

const pages = [
  // Each page's heading, a region only it has, a control that waits for the client, and a link
  // on it that works at once.
  { path: '/min-plan', title: 'Min plan', region: 'Trin i planen', control: 'Udskriv planen', link: 'Se hvem der har ændret hvad' },
  { path: '/min-profil', title: 'Min profil', region: 'Det kan jeg', control: 'Tilføj noget, du kan', link: 'Se hvem der har set dine oplysninger' },
];

/** A request from the page itself, with the session's CSRF token, as the client sends it. */
async function api(page, method, path, body, headers = { 'content-type': 'application/json' }) {
  return page.evaluate(async ([method, path, body, headers]) => {
    const session = await (await fetch('/api/v1/session')).json();
    const response = await fetch('/api/v1' + path, {
      method, headers: { ...headers, 'x-csrf-token': session.csrf_token }, body,
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }, [method, path, body, headers]);
}

/**
 * Logs `who` in, runs `prepare` (their own changes through the API), opens the page with the
 * client held back, then lets the client take over and compares the two copies.
 */
async function expectSameAfterTakeover(browser, who, { path, title, region, control, link }, prepare = async () => {}) {
  const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 320, height: 740 } });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const printTrace = traceRequests(page);
  await page.goto('/');
  await loginAs(page, 'Log på med MitID', who);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mit overblik').catch(e => {
    printTrace();
    throw e;
  });
  await prepare(page);

  // Held back, the client cannot take over: what shows is the server's page alone.
  let release;
  const held = new Promise(resolve => { release = resolve; });
  await page.route('**/assets/js/boot-*.js', async route => { await held; await route.continue(); });
  // (Not waiting for the load event: the held start script delays it.)
  await page.goto(path, { waitUntil: 'commit' });
  await expect(page.locator('#boot[data-server-rendered]')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page).toHaveTitle(`${title} – Sammen`);
  await expect(page.getByRole('region', { name: region })).toBeVisible();
  // The controls are there, but wait for the client.
  await expect(page.getByRole('button', { name: control })).toBeDisabled();
  await expectAccessible(page, `${title} for ${who}, server-rendered, 320 px`);
  await page.getByRole('link', { name: link }).focus();
  const server = await page.evaluate(shapeOf, '#boot main');
  // A page of the citizen's own things, not of an empty frame.
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
  await expect(page.getByRole('link', { name: link })).toBeFocused();
  await expect(page.getByRole('button', { name: control })).toBeEnabled();
  await expectAccessible(page, `${title} for ${who}, taken over by the web client`);
  expect(problems).toEqual([]);
  await context.close();
  return server;
}

for (const spec of pages) {
  for (const who of ['Henrik Sørensen', 'Karim Haddad', 'Freja Nielsen', 'Sofie Larsen']) {
    test(`${spec.title} for ${who}: the server's page is the client's, and the takeover moves nothing`, async ({ browser }) => {
      await expectSameAfterTakeover(browser, who, spec);
    });
  }
}

test('Min profil with a document and an address waiting for its code: the server\'s page is the client\'s', async ({ browser }) => {
  const server = await expectSameAfterTakeover(browser, 'Karim Haddad', pages[1], async page => {
    const added = await api(page, 'POST', '/me/limitations', JSON.stringify({
      category: 'psychological', description: 'Jeg bliver hurtigt træt <b>om eftermiddagen</b>.',
      work_impact: '', meeting_impact: 'Møder om formiddagen.', professional: { kind: 'psychologist', date: '2026-10-01' },
    }));
    expect(added.status).toBe(201);
    const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
    const uploaded = await api(page, 'POST', `/me/limitations/${added.body.id}/documents`, pdf,
      { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('erklæring.pdf') });
    expect(uploaded.status).toBe(201);
    expect((await api(page, 'PUT', '/me/email', JSON.stringify({ address: 'karim@example.org' }))).status).toBe(200);
  });
  expect(server.join('\n')).toContain('erklæring.pdf');
  expect(server.join('\n')).toContain('karim@example.org');
  expect(server.join('\n')).toContain('<b>om eftermiddagen</b>');
});
