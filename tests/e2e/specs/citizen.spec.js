import { test, expect, expectAccessible, watchConsole, loginAs, expectFocusOnHeading } from './helpers.js';

test('a citizen switches language, logs in with MitID, sees Mit overblik and logs out', async ({ page }) => {
  const problems = watchConsole(page);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Velkommen til Sammen');
  await expect(page).toHaveTitle('Velkommen til Sammen – Sammen');
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  await expectAccessible(page, 'start page (da)');

  // The start page is plain HTML: no script, no WebAssembly to download before people can act.
  expect(await page.locator('script').count()).toBe(0);

  // The language switch is one tap away, and remembered.
  await page.getByRole('link', { name: 'English' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Sammen');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Welcome to Sammen – Sammen');
  await expectAccessible(page, 'start page (en)');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Sammen');
  await page.getByRole('link', { name: 'Dansk' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Velkommen til Sammen');

  await page.getByRole('link', { name: 'Log på med MitID' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vælg en testperson');
  await expectAccessible(page, 'MitID simulator');
  await page.getByRole('button', { name: 'Freja Nielsen' }).click();

  await expect(page).toHaveURL(/\/mit-overblik$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');
  await expect(page.getByText('Hej Freja Nielsen')).toBeVisible();
  const caseworker = page.getByRole('region', { name: 'Din sagsbehandler' });
  await expect(caseworker).toContainText('Mette Hansen');
  await expect(caseworker).toContainText('Lars Jensen');
  await expect(page.getByRole('region', { name: 'Min plan' })).toContainText('Du har ingen plan endnu');
  await expect(page.getByRole('region', { name: 'Mine møder' })).toContainText('ingen møder');
  await expect(page.getByRole('region', { name: 'Mine beskeder' })).toContainText('ingen beskeder');
  await expect(page.locator('body')).not.toContainText('150307');
  await expectAccessible(page, 'Mit overblik (da)');

  await page.getByRole('link', { name: 'English' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My overview');
  await expectAccessible(page, 'Mit overblik (en)');
  await page.getByRole('link', { name: 'Dansk' }).first().click();

  // The start page knows she is logged in and offers the way back.
  await page.getByRole('link', { name: 'Sammen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Velkommen til Sammen');
  await expectAccessible(page, 'start page, logged in');
  await page.getByRole('link', { name: 'Gå til Mit overblik' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');

  // A client-side navigation moves focus to the new page's heading and sets the title.
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('dialog', { name: 'Menu' }).getByRole('link', { name: 'Min plan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min plan');
  await expectFocusOnHeading(page);
  await expect(page).toHaveTitle('Min plan – Sammen');

  // On a phone, "Log af" lives in the menu.
  await page.getByRole('button', { name: 'Menu' }).click();
  const menu = page.getByRole('dialog', { name: 'Menu' });
  await expect(menu).toBeVisible();
  await expectAccessible(page, 'mobile menu');
  await menu.getByRole('button', { name: 'Log af' }).click();

  await expect(page).toHaveURL(/\/logget-af/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du er logget af');
  await expectAccessible(page, 'logged out');

  // The session is gone: the overview asks to log in again.
  await page.goto('/mit-overblik');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du er ikke logget ind');
  await expect(page.getByRole('link', { name: 'Log på med MitID' })).toBeVisible();
  await expectAccessible(page, 'not logged in');

  expect(problems).toEqual([]);
});

test('a page that does not exist says so', async ({ page }) => {
  await page.goto('/findes-ikke');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Siden findes ikke');
  await expectAccessible(page, 'not found');
});

test('Mit overblik arrives from the server: readable, navigable and accessible before the web client has come', async ({ browser }) => {
  // A browser where the web client never starts (too old, blocked, or not arrived yet).
  const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 320, height: 740 } });
  const page = await context.newPage();
  await page.route('**/assets/js/boot-*.js', route => route.fulfill({ body: '', contentType: 'text/javascript' }));
  await page.goto('/');
  await loginAs(page, 'Log på med MitID', 'Sofie Larsen');
  await expect(page).toHaveURL(/\/mit-overblik$/);
  await expect(page.locator('#boot[data-server-rendered]')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');
  await expect(page.getByText('Hej Sofie Larsen')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Din sagsbehandler' })).toContainText('Lars Jensen');
  await expect(page.getByRole('region', { name: 'Min plan' }).getByRole('link', { name: 'Gå til Min plan' })).toBeVisible();
  await expectAccessible(page, 'Mit overblik, server-rendered, 320 px');

  // On a phone the menu opens without script, and its links are plain links.
  await page.getByRole('link', { name: 'Menu' }).click();
  const drawer = page.locator('#menu-drawer');
  await expect(drawer).toBeVisible();
  await expectAccessible(page, 'server-rendered menu');
  await drawer.getByRole('link', { name: 'Luk' }).click();
  await expect(drawer).toBeHidden();

  await page.getByRole('link', { name: 'English' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My overview');
  await expect(page.getByText('Hello Sofie Larsen')).toBeVisible();
  await page.getByRole('link', { name: 'Dansk' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');

  await page.getByRole('link', { name: 'Gå til Min plan' }).click();
  await expect(page).toHaveURL(/\/min-plan$/);

  // "Log af" works without the client too: a form post, then one more press for MitID.
  await page.goto('/mit-overblik');
  await page.getByRole('link', { name: 'Menu' }).click();
  await page.locator('#menu-drawer').getByRole('button', { name: 'Log af' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du er logget af Sammen');
  await expectAccessible(page, 'logged out here, not yet at MitID');
  await page.unroute('**/assets/js/boot-*.js');
  await page.getByRole('button', { name: 'Log af hos MitID' }).click();
  await expect(page).toHaveURL(/\/logget-af$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du er logget af');
  await page.goto('/mit-overblik');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du er ikke logget ind');
  await context.close();
});

test('when the web client takes Mit overblik over, nothing moves and focus stays on the link', async ({ page }) => {
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // Hold the client back until the server's page has keyboard focus on a link.
  let release;
  const held = new Promise(resolve => { release = resolve; });
  await page.route('**/assets/js/boot-*.js', async route => { await held; await route.continue(); });
  await page.goto('/');
  await loginAs(page, 'Log på med MitID', 'Freja Nielsen');
  await expect(page.locator('#boot[data-server-rendered]')).toBeVisible();
  await page.getByRole('link', { name: 'Gå til Min profil' }).focus();
  const before = await page.evaluate(() => document.body.innerText);
  // What moved while the server's page loaded (its fonts) is not the takeover's doing.
  const shiftBefore = await page.evaluate(() => window.__shift);
  release();
  // The client's own page replaces the server's once it has its data.
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Menu' })).toBeVisible();
  expect(await page.evaluate(() => document.body.innerText)).toBe(before);
  expect(await page.evaluate(() => window.__shift), `${shiftBefore} before the client came`).toBe(shiftBefore);
  await expect(page.getByRole('link', { name: 'Gå til Min profil' })).toBeFocused();
  await expectAccessible(page, 'Mit overblik, taken over by the web client');
});
