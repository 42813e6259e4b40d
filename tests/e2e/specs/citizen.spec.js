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
