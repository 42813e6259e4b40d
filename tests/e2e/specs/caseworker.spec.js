import { test, expect, expectAccessible, watchConsole } from './helpers.js';

test('a caseworker logs in and sees Mine borgere, in Danish and English', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/');
  await page.getByRole('link', { name: 'Log på som medarbejder' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vælg en medarbejder');
  await expectAccessible(page, 'employee simulator');
  await page.getByRole('button', { name: 'Mette Hansen' }).click();

  await expect(page).toHaveURL(/\/mine-borgere$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mine borgere');
  const rows = page.getByRole('row');
  await expect(rows).toHaveCount(5);
  await expect(page.getByRole('row', { name: /Freja Nielsen/ })).toContainText('Sagsbehandler');
  await expect(page.getByRole('row', { name: /Henrik Sørensen/ })).toContainText('Sagsbehandler');
  await expect(page.getByRole('row', { name: /Karim Haddad/ })).toContainText('Backup');
  await expect(page.getByRole('row', { name: /Sofie Larsen/ })).toContainText('Backup');
  await expectAccessible(page, 'Mine borgere (da)');

  await page.getByRole('link', { name: 'English' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My citizens');
  await expect(page.getByRole('row', { name: /Karim Haddad/ })).toContainText('Backup');
  await expectAccessible(page, 'Mine borgere (en)');
  await page.getByRole('link', { name: 'Dansk' }).first().click();

  await page.getByRole('button', { name: 'Menu' }).click();
  const menu = page.getByRole('dialog', { name: 'Menu' });
  await expect(menu.getByRole('link', { name: 'Indbakke' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Mine møder' })).toBeVisible();
  await expectAccessible(page, 'the caseworker\'s menu');
  await menu.getByRole('button', { name: 'Log af' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du er logget af');
  await expectAccessible(page, 'the caseworker logged out');
  expect(problems).toEqual([]);
});
