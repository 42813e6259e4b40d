// Beskeder and Indbakke in two browsers at once: the citizen (Karim Haddad) writes, the
// caseworker (Lars Jensen) sees it arrive without reloading and answers, the citizen sees
// the answer and the read mark; the notification email reaches the SMTP server; a draft
// survives closing the tab. axe-core on every state, in Danish and English.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, expectAccessible, loginInNewContext } from './helpers.js';

const mailDir = process.env.E2E_MAIL_DIR;

function emails() {
  if (!mailDir || !fs.existsSync(mailDir)) return [];
  return fs.readdirSync(mailDir)
    .filter(f => f.endsWith('.eml'))
    .sort((a, b) => parseInt(a) - parseInt(b))
    .map(f => fs.readFileSync(path.join(mailDir, f), 'utf8'));
}

/** Quoted-printable and base64 parts, decoded enough to search their words. */
function decoded(email) {
  // The MIME boundary is random letters and digits: it can hold any word ("…3CVUS…"), and it is
  // not text a person reads, so the checks for names and message words leave it out.
  const boundary = email.match(/boundary="?([^";\r\n]+)"?/)?.[1];
  const raw = boundary ? email.split(boundary).join('') : email;
  const qp = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  const b64 = [...raw.matchAll(/\r?\n\r?\n([A-Za-z0-9+/=\r\n]{40,})/g)]
    .map(m => { try { return Buffer.from(m[1].replace(/\s/g, ''), 'base64').toString('utf8'); } catch { return ''; } });
  return [Buffer.from(qp, 'latin1').toString('utf8'), ...b64].join('\n');
}

async function waitForEmail(count) {
  await expect.poll(() => emails().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  return emails();
}

test('a citizen and a caseworker write to each other live, and an email says something is waiting', async ({ browser }) => {
  test.setTimeout(150_000);
  const citizen = await loginInNewContext(browser, 'Log på med MitID', 'Karim Haddad');
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');
  await expect(citizen.getByText('Du har ingen beskeder.', { exact: true })).toBeVisible();

  // The citizen adds an email address and confirms it with the code sent to it.
  await citizen.goto('/min-profil');
  await expect(citizen.getByRole('heading', { name: 'Besked på e-mail' })).toBeVisible();
  await expect(citizen.getByText('Du har ikke skrevet en e-mailadresse')).toBeVisible();
  await citizen.getByLabel('E-mailadresse').fill('karim@example.dk');
  const before = emails().length;
  await citizen.getByRole('button', { name: 'Send kode' }).click();
  await expect(citizen.getByText('Vi har sendt en kode til karim@example.dk')).toBeVisible();
  await expectAccessible(citizen, 'Min profil: code sent');
  const [codeEmail] = (await waitForEmail(before + 1)).slice(before);
  const code = decoded(codeEmail).match(/\b(\d{6})\b/)[1];
  await citizen.getByLabel('Kode fra mailen').fill('000000' === code ? '111111' : '000000');
  await citizen.getByRole('button', { name: 'Bekræft' }).click();
  await expect(citizen.getByText('Koden passer ikke').first()).toBeVisible();
  await expectAccessible(citizen, 'Min profil: wrong code');
  await citizen.getByLabel('Kode fra mailen').fill(code);
  await citizen.getByRole('button', { name: 'Bekræft' }).click();
  await expect(citizen.getByText('Vi sender mails til karim@example.dk')).toBeVisible();
  await expectAccessible(citizen, 'Min profil: address confirmed');

  // The caseworker's inbox is open before anything arrives.
  const caseworker = await loginInNewContext(browser, 'Log på som medarbejder', 'Lars Jensen');
  await caseworker.goto('/indbakke');
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('Indbakke');
  await expect(caseworker.getByText('Der er ingen samtaler her.')).toBeVisible();
  await expectAccessible(caseworker, 'Indbakke, empty');

  // The citizen writes.
  await citizen.goto('/beskeder');
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Beskeder');
  await expect(citizen.getByText('Du har ingen beskeder endnu.')).toBeVisible();
  await expectAccessible(citizen, 'Beskeder, empty');
  await citizen.getByRole('link', { name: 'Ny besked' }).click();
  await expect(citizen.getByText('Din besked går til Lars Jensen.')).toBeVisible();
  await citizen.getByRole('button', { name: 'Send besked' }).click();
  await expect(citizen.getByRole('heading', { name: 'Der er et problem' })).toBeVisible();
  await expect(citizen.getByRole('alert')).toContainText('Skal udfyldes.');
  await expectAccessible(citizen, 'Ny besked, refused');
  await citizen.getByLabel('Emne').fill('Kursus i Excel');
  await citizen.getByLabel('Hvad handler det om?').selectOption('plan');
  await citizen.getByLabel('Besked').fill('Må jeg tage et kursus i Excel i januar?');
  await citizen.getByLabel('Vedhæft filer').setInputFiles({
    name: 'kursusbeskrivelse.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  });
  await expect(citizen.getByText('Vedhæftet: kursusbeskrivelse.pdf')).toBeVisible();
  await expectAccessible(citizen, 'Ny besked, filled');
  await citizen.getByRole('button', { name: 'Send besked' }).click();
  await expect(citizen.getByText(/Din besked er sendt\. Du får svar senest \S+dag/)).toBeVisible();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Kursus i Excel');
  await expect(citizen.getByText('Ikke læst endnu')).toBeVisible();
  await expectAccessible(citizen, 'conversation, sent');

  // It appears in the caseworker's inbox without a reload.
  const row = caseworker.getByRole('row', { name: /Karim Haddad/ });
  await expect(row).toContainText('Kursus i Excel');
  await expect(row).toContainText('Ulæst');
  await expect(row).toContainText('Svar senest');
  await expectAccessible(caseworker, 'Indbakke, one waiting');
  await row.getByRole('link', { name: /Kursus i Excel/ }).click();
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('Kursus i Excel');
  await expect(caseworker.getByText('Må jeg tage et kursus i Excel i januar?')).toBeVisible();
  const download = caseworker.waitForEvent('download');
  await caseworker.getByRole('link', { name: /kursusbeskrivelse\.pdf/ }).click();
  expect((await download).suggestedFilename()).toBe('kursusbeskrivelse.pdf');
  await expectAccessible(caseworker, 'conversation, caseworker');

  // The citizen sees "read" without a reload; then the caseworker answers.
  await expect(citizen.getByText('Læst af jobcentret')).toBeVisible();
  await caseworker.getByLabel('Dit svar').fill('Ja, det lyder godt. Jeg finder et hold.');
  await caseworker.getByRole('button', { name: 'Send svar' }).click();
  await expect(caseworker.getByText('Din besked er sendt.')).toBeVisible();
  await expect(citizen.getByText('Ja, det lyder godt. Jeg finder et hold.')).toBeVisible();
  await expect(caseworker.getByText('Læst af borgeren')).toBeVisible();
  await expectAccessible(citizen, 'conversation, answered');

  // Away from the conversation, another answer stays unread: an email says so, and only that.
  await citizen.goto('/min-plan');
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Min plan');
  const sent = emails().length;
  await caseworker.getByLabel('Dit svar').fill('Husk at tage dit CV med.');
  await caseworker.getByRole('button', { name: 'Send svar' }).click();
  const [notification] = (await waitForEmail(sent + 1)).slice(sent);
  const text = decoded(notification);
  expect(notification).toContain('Subject:');
  expect(text).toContain('Du har en ny besked fra jobcentret');
  for (const secret of ['Karim', 'Haddad', 'Lars', 'Jensen', 'Excel', 'CV']) {
    expect(text, `no "${secret}" in the email`).not.toContain(secret);
  }
  await citizen.goto('/mit-overblik');
  await expect(citizen.getByText('Du har 1 ulæst besked.')).toBeVisible();
  await expectAccessible(citizen, 'Mit overblik with a message');

  // In English too, and at 320 px.
  await citizen.setViewportSize({ width: 320, height: 740 });
  await citizen.getByRole('link', { name: 'Kursus i Excel' }).click();
  await expect(citizen.getByText('Husk at tage dit CV med.')).toBeVisible();
  await expectAccessible(citizen, 'conversation at 320 px');
  await citizen.getByRole('link', { name: 'English' }).first().click();
  await expect(citizen.getByRole('button', { name: 'Send answer' })).toBeVisible();
  await expectAccessible(citizen, 'conversation (en)');
  await citizen.getByRole('link', { name: 'Back to messages' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Messages');
  await expectAccessible(citizen, 'Messages (en)');
  await caseworker.getByRole('link', { name: 'English' }).first().click();
  await caseworker.goto('/indbakke');
  await caseworker.getByLabel('Show').selectOption('all');
  await expect(caseworker.getByRole('row', { name: /Karim Haddad/ })).toBeVisible();
  await expectAccessible(caseworker, 'Inbox (en)');
  await caseworker.getByRole('link', { name: 'Dansk' }).first().click();
  await citizen.getByRole('link', { name: 'Dansk' }).first().click();
});

test('a draft survives closing the tab', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: 'Log på med MitID' }).click();
  await page.getByRole('button', { name: 'Sofie Larsen' }).click();
  await page.goto('/beskeder/ny');
  await page.getByLabel('Emne').fill('Min kladde');
  await page.getByLabel('Besked').fill('Det her må ikke forsvinde.');
  await expect(page.getByText('Kladden er gemt.')).toBeVisible();
  await page.close();

  const again = await context.newPage();
  await again.goto('/beskeder/ny');
  await expect(again.getByLabel('Besked')).toHaveValue('Det her må ikke forsvinde.');
  await expect(again.getByLabel('Emne')).toHaveValue('Min kladde');
  await expect(again.getByText('Vi har hentet det, du skrev sidst.')).toBeVisible();
  await expectAccessible(again, 'Ny besked, draft restored');
});
