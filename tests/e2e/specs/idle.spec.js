import { test, expect, expectAccessible } from './helpers.js';

// Runs against a server whose sessions end after 45 s idle, warning 10 s before. The client
// counts 30 s early to be safe, so the warning shows about 5 s after the last activity and the
// session ends about 15 s after it.
test.use({ baseURL: process.env.SAMMEN_E2E_IDLE_URL });

test('before an idle session ends, a dialog offers "Forbliv logget ind"; without it the session ends', async ({ page }) => {
  await page.goto('/auth/mitid/login?login_hint=sofie');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');

  const dialog = page.getByRole('dialog', { name: 'Vil du blive logget ind?' });
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(dialog.getByRole('button', { name: 'Forbliv logget ind' })).toBeFocused();
  await expectAccessible(page, 'idle warning');

  await dialog.getByRole('button', { name: 'Forbliv logget ind' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');

  // Left alone, the warning comes back and the session ends.
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/\/logget-af\/inaktiv$/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du er blevet logget af');
  await expectAccessible(page, 'timed out');
});
