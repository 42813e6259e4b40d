import { test, expect, expectAccessible } from './helpers.js';

test('a MitID identity the jobcentre does not know gets a clear page', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Log på med MitID' }).click();
  await page.getByRole('button', { name: 'Ukendt Testperson' }).click();

  await expect(page).toHaveURL(/\/log-paa\/fejl\/unknown_citizen$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vi kan ikke finde dig i jobcentret');
  await expect(page.getByText('Vi har ikke gemt noget om dig.')).toBeVisible();
  await expect(page.getByRole('main').getByText('70 10 20 30')).toBeVisible();
  await expectAccessible(page, 'unknown citizen (da)');
  await page.getByRole('link', { name: 'English' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We cannot find you at the jobcentre');
  await expectAccessible(page, 'unknown citizen (en)');
  await page.getByRole('link', { name: 'Dansk' }).first().click();
});

test('a cancelled login explains itself and offers to try again', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Log på med MitID' }).click();
  await page.getByRole('button', { name: 'Afbryd login' }).click();

  await expect(page).toHaveURL(/\/log-paa\/fejl\/cancelled$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du blev ikke logget på');
  await expect(page.getByRole('alert')).toContainText('Du afbrød login');
  await expectAccessible(page, 'cancelled login');

  await page.getByRole('link', { name: 'Prøv igen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vælg en testperson');
});

test('a login answer that does not belong to this browser is refused with "Prøv igen"', async ({ page }) => {
  await page.goto('/auth/mitid/callback?code=made-up&state=made-up');
  await expect(page).toHaveURL(/\/log-paa\/fejl\/state_mismatch$/);
  await expect(page.getByRole('alert')).toContainText('Prøv igen fra forsiden');
  await expect(page.getByRole('link', { name: 'Prøv igen' })).toBeVisible();
  await expectAccessible(page, 'state mismatch');
});

test('an employee login without access gets its own page', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Log på som medarbejder' }).click();
  await page.getByRole('button', { name: 'Viktor Vikar' }).click();
  await expect(page).toHaveURL(/\/log-paa\/medarbejder\/fejl\/unknown_employee$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du har ikke adgang til Sammen');
  await expectAccessible(page, 'unknown employee');
});
