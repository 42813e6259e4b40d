// "Det aftalte vi" after a meeting, on the demo as `cargo xtask run` seeds it (two meetings
// behind Sofie Larsen with Lars Jensen, one summed up): the citizen answers that she understood
// it differently, the caseworker answers her and sums up the other meeting with a proposed plan
// step, which then waits for her agreement in Min plan. axe-core on every state.
import { test, expect, expectAccessible, loginInNewContext } from './helpers.js';

test.use({ baseURL: process.env.SAMMEN_E2E_EXAMPLES_URL });

test('a summary is answered, answered back, and another written with a step for the plan', async ({ browser }) => {
  const citizen = await loginInNewContext(browser, 'Log på med MitID', 'Sofie Larsen');
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');
  await citizen.goto('/moeder');
  const past = citizen.getByRole('region', { name: 'Tidligere møder' });
  await expect(past.getByRole('listitem')).toHaveCount(2);
  await expect(past.getByRole('listitem').first()).toContainText('Din sagsbehandler har ikke skrevet, hvad I aftalte, endnu.');
  const summed = past.getByRole('listitem').filter({ hasText: 'Vi aftalte, at du prøver praktik' });
  await expect(summed.getByRole('heading', { name: 'Det aftalte vi' })).toBeVisible();
  await expectAccessible(citizen, 'a summary waiting for an answer (da)');

  // "Det forstod jeg anderledes" needs a word on what she understood.
  await summed.getByRole('radio', { name: 'Det forstod jeg anderledes' }).check();
  await summed.getByRole('button', { name: 'Send svar' }).click();
  await expect(citizen.getByRole('alert').filter({ hasText: 'Der er et problem' })).toBeFocused();
  await expect(summed.getByLabel('Hvad forstod du?')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(citizen, 'an answer refused (da)');
  await summed.getByLabel('Hvad forstod du?').fill('Jeg troede, det var tre formiddage.');
  await summed.getByRole('button', { name: 'Send svar' }).click();
  await expect(summed).toContainText('Du har svaret: Det forstod jeg anderledes.');
  await expect(summed).toContainText('Jeg troede, det var tre formiddage.');
  await expect(summed.getByRole('radio')).toHaveCount(0);

  // Lars's "Mine møder" lists both meetings as waiting for him; he answers her, and writes up
  // the other meeting with a step to propose.
  const caseworker = await loginInNewContext(browser, 'Log på som medarbejder', 'Lars Jensen');
  await caseworker.goto('/kalender');
  const waiting = caseworker.getByRole('region', { name: 'Venter på dig' });
  await expect(waiting.getByRole('listitem')).toHaveCount(2);
  await expect(waiting).toContainText('Borgeren forstod det aftalte anderledes og venter på dit svar.');
  await expect(waiting).toContainText('Mødet er holdt. Skriv, hvad I aftalte.');
  await expectAccessible(caseworker, 'meetings waiting for the caseworker (da)');
  await waiting.getByRole('link', { name: 'Sofie Larsen' }).first().click();
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('Møder');
  const theirs = caseworker.getByRole('region', { name: 'Tidligere møder' }).getByRole('listitem')
    .filter({ hasText: 'Vi aftalte, at du prøver praktik' });
  await expect(theirs).toContainText('Borgeren har svaret: Det forstod jeg anderledes.');
  await expectAccessible(caseworker, 'a citizen\'s answer to reply to (da)');
  await theirs.getByLabel('Dit svar til borgeren').fill('Du har ret: tre formiddage. Jeg retter det.');
  await theirs.getByRole('button', { name: 'Send svar' }).click();
  await expect(theirs).toContainText('Sagsbehandlerens svar: Du har ret: tre formiddage.');

  const other = caseworker.getByRole('region', { name: 'Tidligere møder' }).getByRole('listitem')
    .filter({ hasText: 'Hvordan det går' });
  await other.getByLabel('Det aftalte vi').fill('Vi aftalte, at du besøger kantinen før praktikken.');
  await other.getByLabel(/Forslag til nye trin i planen/).fill('Besøg i kantinen');
  await other.getByRole('button', { name: 'Gem det aftalte' }).click();
  await expect(other.getByRole('heading', { name: 'Det aftalte vi' })).toBeVisible();
  await expect(other).toContainText('Vi aftalte, at du besøger kantinen før praktikken.');
  await expectAccessible(caseworker, 'a summary written (da)');
  await caseworker.goto('/kalender');
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('Mine møder');
  await expect(caseworker.getByRole('region', { name: 'Venter på dig' })).toHaveCount(0);

  // The citizen sees both, and the proposed step waits for her in Min plan.
  await citizen.reload();
  await expect(citizen.getByText('Sagsbehandlerens svar: Du har ret: tre formiddage.')).toBeVisible();
  await expect(citizen.getByText('Vi aftalte, at du besøger kantinen før praktikken.')).toBeVisible();
  await citizen.goto('/min-plan');
  await expect(citizen.getByText('Besøg i kantinen')).toBeVisible();

  await citizen.goto('/moeder');
  await citizen.getByRole('link', { name: 'English' }).first().click();
  await expect(citizen.getByRole('heading', { name: 'Past meetings' })).toBeVisible();
  await expect(citizen.getByText('You answered: I understood it differently.')).toBeVisible();
  await expectAccessible(citizen, 'past meetings with summaries (en)');
  await citizen.getByRole('link', { name: 'Dansk' }).first().click();
});
