import { test, expect, expectAccessible, watchConsole } from './helpers.js';

// A tiny but real PDF: the server judges files by their content, not their name.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test('a profile made by the citizen, a step proposed by the caseworker, agreed together, and the visit shown', async ({ browser }) => {
  test.setTimeout(180_000);
  const citizenContext = await browser.newContext();
  const citizen = await citizenContext.newPage();
  const problems = watchConsole(citizen);

  // The citizen: Henrik, sick-listed warehouse worker.
  await citizen.goto('/auth/mitid/login?login_hint=henrik');
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');
  await citizen.goto('/min-profil');
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Min profil');
  await expectAccessible(citizen, 'Min profil, empty');

  // "Det kan jeg": a form sent empty says what is missing, then a skill is added.
  const can = citizen.getByRole('region', { name: 'Det kan jeg' });
  await can.getByRole('button', { name: 'Tilføj noget, du kan' }).click();
  await can.getByRole('radio', { name: 'Noget, du er god til' }).check();
  await can.getByRole('button', { name: 'Gem' }).click();
  await expect(citizen.getByRole('alert').filter({ hasText: 'Der er et problem' })).toBeVisible();
  await expectAccessible(citizen, 'competence form with errors');
  await can.getByRole('textbox').first().fill('Truckkort og lagerstyring');
  await can.getByRole('button', { name: 'Gem' }).click();
  await expect(can).toContainText('Truckkort og lagerstyring');

  // "Det er svært": a limitation in his own words, with documentation.
  const hard = citizen.getByRole('region', { name: 'Det er svært' });
  await hard.getByRole('button', { name: 'Tilføj noget, der er svært' }).click();
  await hard.getByRole('radio', { name: 'Kroppen' }).check();
  await hard.getByRole('textbox', { name: 'Hvad er svært?' }).fill('Jeg kan ikke løfte tungt efter min rygskade.');
  await hard.getByRole('textbox', { name: /Hvad betyder det, når du skal arbejde/ }).fill('Ingen løft over 5 kg.');
  await hard.getByRole('button', { name: 'Gem' }).click();
  await expect(hard).toContainText('Jeg kan ikke løfte tungt efter min rygskade.');
  await hard.locator('input[type=file]').first().setInputFiles({ name: 'lægeerklæring.pdf', mimeType: 'application/pdf', buffer: PDF });
  await hard.getByRole('button', { name: 'Tilføj dokumentet' }).click();
  await expect(hard.getByRole('link', { name: /lægeerklæring\.pdf/ })).toBeVisible();
  await expectAccessible(citizen, 'Min profil with a limitation and a document');

  // "Det hjælper mig": choices the system can act on.
  const helps = citizen.getByRole('region', { name: 'Det hjælper mig' });
  await helps.getByRole('checkbox', { name: 'Telefon' }).check();
  await helps.getByRole('checkbox', { name: 'At have en bisidder med' }).check();
  await helps.getByRole('button', { name: 'Gem' }).click();
  await expect(helps.getByRole('status')).toBeVisible();

  // Consent, on a page that explains what it means.
  await hard.getByRole('link', { name: /samtykke/ }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(citizen, 'consent page');
  await citizen.getByRole('button', { name: 'Giv samtykke' }).click();
  await expect(citizen.getByRole('button', { name: 'Træk samtykke tilbage' })).toBeVisible();
  await expectAccessible(citizen, 'consent given');

  // The same pages in English.
  await citizen.getByRole('link', { name: 'English' }).first().click();
  await citizen.goto('/min-profil');
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('My profile');
  await expectAccessible(citizen, 'Min profil (en)');
  await citizen.getByRole('link', { name: 'Dansk' }).first().click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Min profil');

  // The caseworker: Mette opens Henrik's profile and proposes a step.
  const caseworkerContext = await browser.newContext();
  const caseworker = await caseworkerContext.newPage();
  const caseworkerProblems = watchConsole(caseworker);
  await caseworker.goto('/auth/medarbejder/login?login_hint=mette.hansen');
  await caseworker.getByRole('link', { name: 'Henrik Sørensen' }).click();
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('Plan');
  await caseworker.getByRole('navigation', { name: 'Borgerens sider' }).getByRole('link', { name: 'Profil' }).click();
  await expect(caseworker.locator('main')).toContainText('Truckkort og lagerstyring');
  await expect(caseworker.locator('main')).toContainText('Jeg kan ikke løfte tungt efter min rygskade.');
  await expect(caseworker.getByRole('link', { name: /lægeerklæring\.pdf/ })).toBeVisible();
  await expectAccessible(caseworker, 'caseworker: profile with consent');

  await caseworker.getByRole('navigation', { name: 'Borgerens sider' }).getByRole('link', { name: 'Plan' }).click();
  const propose = caseworker.getByRole('region', { name: 'Foreslå et nyt trin' });
  await propose.getByRole('button', { name: 'Foreslå et trin' }).click();
  await propose.getByRole('textbox', { name: 'Titel' }).fill('Afklaring hos en fysioterapeut');
  await propose.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Sundhed eller behandling' });
  await propose.getByRole('textbox', { name: 'Startdato (valgfri)' }).fill('2027-02-01');
  await propose.getByRole('textbox', { name: 'Slutdato (valgfri)' }).fill('2027-01-01');
  await propose.getByRole('button', { name: 'Send forslaget' }).click();
  await expect(caseworker.getByRole('alert').filter({ hasText: 'Der er et problem' })).toBeVisible();
  await expect(caseworker.getByRole('alert').filter({ hasText: 'Der er et problem' })).toContainText('Slutdatoen må ikke være før startdatoen.');
  await expectAccessible(caseworker, 'step form with errors');
  await propose.getByRole('textbox', { name: 'Slutdato (valgfri)' }).fill('2027-03-31');
  await propose.getByRole('button', { name: 'Send forslaget' }).click();
  const steps = caseworker.getByRole('region', { name: 'Trin i planen' });
  await expect(steps).toContainText('Afklaring hos en fysioterapeut');
  await expectAccessible(caseworker, 'caseworker: plan with a proposed step');

  // The citizen comments, agrees, and sees who has looked.
  await citizen.goto('/min-plan');
  const citizenSteps = citizen.getByRole('region', { name: 'Trin i planen' });
  await expect(citizenSteps).toContainText('Afklaring hos en fysioterapeut');
  await expect(citizenSteps).toContainText('01.02.2027');
  await expectAccessible(citizen, 'Min plan with a proposed step');
  await citizenSteps.getByRole('textbox', { name: /kommentar/i }).first().fill('Helst om formiddagen, tak.');
  await citizenSteps.getByRole('button', { name: /kommentar/i }).first().click();
  await expect(citizenSteps).toContainText('Helst om formiddagen, tak.');
  await citizenSteps.getByRole('button', { name: 'Det er vi enige om' }).first().click();
  await expect(citizenSteps).toContainText('I er enige');
  await expectAccessible(citizen, 'Min plan with an agreed step');
  await citizen.goto('/min-plan/historik');
  await expect(citizen.locator('main')).toContainText('Afklaring hos en fysioterapeut');
  await expectAccessible(citizen, 'plan history (da)');
  await citizen.goto('/min-plan');
  await citizen.getByRole('link', { name: 'English' }).first().click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('My plan');
  await expectAccessible(citizen, 'Min plan (en)');
  await citizen.goto('/min-plan/historik');
  await expect(citizen.locator('main')).toContainText('Afklaring hos en fysioterapeut');
  await expectAccessible(citizen, 'plan history (en)');
  await citizen.getByRole('link', { name: 'Dansk' }).first().click();

  await citizen.goto('/hvem-har-set-mine-oplysninger');
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Hvem har set mine oplysninger');
  const visits = citizen.getByRole('table');
  await expect(visits).toContainText('Mette Hansen');
  await expect(visits).toContainText('Team Nord');
  await expectAccessible(citizen, 'Hvem har set mine oplysninger');
  await expect(citizen.getByRole('link', { name: /Download mine oplysninger/ })).toHaveAttribute('href', '/api/v1/me/export');
  await citizen.getByRole('link', { name: 'English' }).first().click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Who has seen my information');
  await expectAccessible(citizen, 'Hvem har set mine oplysninger (en)');
  await citizen.getByRole('link', { name: 'Dansk' }).first().click();

  // At 320 px (the narrowest phones, or 400 % zoom) nothing needs sideways scrolling, and axe
  // finds nothing either.
  await citizen.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/', '/mit-overblik', '/min-plan', '/min-plan/historik', '/min-profil', '/min-profil/samtykke',
    '/beskeder', '/moeder', '/moeder/book', '/hvem-har-set-mine-oplysninger']) {
    await citizen.goto(path);
    await expect(citizen.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(citizen.getByRole('status').filter({ hasText: 'Henter' })).toHaveCount(0);
    await expect.poll(() => citizen.evaluate(() => document.documentElement.scrollWidth), { message: path }).toBeLessThanOrEqual(320);
    await expectAccessible(citizen, `${path} at 320 px`);
  }

  // Consent withdrawn: the page says so and offers to give it again.
  await citizen.setViewportSize({ width: 360, height: 740 });
  await citizen.goto('/min-profil/samtykke');
  await citizen.getByRole('button', { name: 'Træk samtykke tilbage' }).click();
  await expect(citizen.getByRole('button', { name: 'Giv samtykke' })).toBeVisible();
  await expectAccessible(citizen, 'consent withdrawn');

  expect(problems).toEqual([]);
  expect(caseworkerProblems).toEqual([]);
  await citizenContext.close();
  await caseworkerContext.close();
});
