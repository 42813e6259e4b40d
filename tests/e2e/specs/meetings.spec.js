// Meetings in the browser at phone width: the caseworker (Lars Jensen) sets meeting hours and
// sees the week; the citizen (Sofie Larsen) books with the keyboard, moves, cancels, meets a
// time taken meanwhile and confirms a call-in; Mit overblik shows the next meeting and hands
// out its calendar file. axe-core on every state, in Danish and English.
import fs from 'node:fs';
import { test, expect, expectAccessible, loginInNewContext } from './helpers.js';

/** A request from the page itself, with the session's CSRF token, as the client sends it. */
async function api(page, method, path, body) {
  return page.evaluate(async ([method, path, body]) => {
    const session = await (await fetch('/api/v1/session')).json();
    const response = await fetch('/api/v1' + path, {
      method,
      headers: { 'x-csrf-token': session.csrf_token, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }, [method, path, body]);
}

test('a booked meeting shows on Mit overblik with when, how and its calendar file', async ({ browser }) => {
  const caseworker = await loginInNewContext(browser, 'Log på som medarbejder', 'Lars Jensen');
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('Mine borgere');
  const hours = [1, 2, 3, 4, 5].map(weekday => ({ weekday, starts: '09:00', ends: '12:00' }));
  const saved = await api(caseworker, 'PUT', '/caseworker/availability', {
    hours, exceptions: [], formats: ['phone', 'in_person'], lengths: [30], buffer_minutes: 15,
    address: 'Jobcentret, Rådhusvej 1', video_link: '',
  });
  expect(saved.status).toBe(200);

  const citizen = await loginInNewContext(browser, 'Log på med MitID', 'Sofie Larsen');
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');
  await expect(citizen.getByRole('region', { name: 'Mine møder' })).toContainText('ingen møder');
  const free = await api(citizen, 'GET', '/me/meetings/free-times');
  expect(free.body.caseworker.name).toBe('Lars Jensen');
  const at = free.body.days[0].times[0];
  const booked = await api(citizen, 'POST', '/me/meetings', {
    starts_at: at.starts_at, length_minutes: 30, format: 'phone', purpose: 'Mit ressourceforløb',
    idempotency_key: crypto.randomUUID(),
  });
  expect(booked.status).toBe(201);

  await citizen.reload();
  const meetings = citizen.getByRole('region', { name: 'Mine møder' });
  await expect(meetings.getByRole('heading', { name: 'Dit næste møde' })).toBeVisible();
  await expect(meetings).toContainText(`kl. ${at.local_time}`);
  await expect(meetings).toContainText('Telefonmøde');
  await expect(meetings).toContainText('Din sagsbehandler ringer til dig.');
  await expectAccessible(citizen, 'Mit overblik with a meeting (da)');

  const [download] = await Promise.all([
    citizen.waitForEvent('download'),
    meetings.getByRole('link', { name: 'Hent mødet til din kalender' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('moede.ics');
  const ics = fs.readFileSync(await download.path(), 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain(`UID:${booked.body.id}@sammen`);
  expect(ics).not.toContain('ressourceforløb');

  await citizen.getByRole('link', { name: 'English' }).first().click();
  await expect(citizen.getByRole('heading', { name: 'Your next meeting' })).toBeVisible();
  await expect(citizen.getByRole('region', { name: 'My meetings' })).toContainText('Phone meeting');
  await expectAccessible(citizen, 'Mit overblik with a meeting (en)');
  await citizen.getByRole('link', { name: 'Dansk' }).first().click();
});

/** The time radios of the booking form, and the one chosen. */
function timeRadios(page) {
  return page.getByRole('group', { name: /^Ledige tider|^Free times/ }).getByRole('radio');
}

/** Chooses the last day offered (weeks ahead, so the change deadline is far away). */
async function chooseLastDay(page) {
  const day = page.getByLabel('Vælg en dag');
  await expect(day.locator('option').first()).toBeAttached();
  const count = await day.locator('option').count();
  await day.selectOption({ index: count - 1 });
}

test('booking, moving and cancelling in the browser; the caseworker sets hours, sees the week and calls in', async ({ browser }) => {
  // The caseworker's hours: a refused save first (video offered without a link), then saved.
  const caseworker = await loginInNewContext(browser, 'Log på som medarbejder', 'Lars Jensen');
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('Mine borgere');
  await caseworker.goto('/kalender');
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('Mine møder');
  await expect(caseworker.getByRole('link', { name: 'Sofie Larsen' })).toBeVisible();
  await expectAccessible(caseworker, 'the caseworker\'s week (da)');
  const weekHeading = await caseworker.getByRole('heading', { level: 2, name: /^Ugen fra/ }).textContent();
  await caseworker.getByRole('button', { name: 'Næste uge' }).click();
  await expect(caseworker.getByRole('heading', { level: 2, name: /^Ugen fra/ })).not.toHaveText(weekHeading);
  await caseworker.getByRole('button', { name: 'Vis dag' }).click();
  await expect(caseworker.getByRole('button', { name: 'Vis dag' })).toHaveAttribute('aria-pressed', 'true');
  await expect(caseworker.getByRole('button', { name: 'Næste dag' })).toBeVisible();
  await expectAccessible(caseworker, 'the caseworker\'s day (da)');
  await caseworker.getByRole('link', { name: 'Ret mine mødetider' }).click();
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('Mine mødetider');
  await expect(caseworker.getByRole('group', { name: 'Tidsrum 5' })).toBeVisible();
  await caseworker.getByRole('checkbox', { name: 'Videomøde' }).check();
  await caseworker.getByRole('button', { name: 'Gem mødetider' }).click();
  const problem = caseworker.getByRole('alert').filter({ hasText: 'Der er et problem' });
  await expect(problem).toBeFocused();
  await expect(caseworker.getByLabel('Link til videomøder')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(caseworker, 'meeting hours refused (da)');
  await caseworker.getByLabel('Link til videomøder').fill('https://video.example/lars');
  await caseworker.getByRole('button', { name: 'Gem mødetider' }).click();
  await expect(caseworker.getByRole('status').filter({ hasText: 'Dine mødetider er gemt.' })).toBeVisible();
  await expectAccessible(caseworker, 'meeting hours saved (da)');

  // The citizen books with the keyboard: a day, then arrow keys through the times.
  const citizen = await loginInNewContext(browser, 'Log på med MitID', 'Sofie Larsen');
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Mit overblik');
  await citizen.getByRole('link', { name: 'Gå til Mine møder' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Mine møder');
  await expect(citizen.getByRole('region', { name: 'Kommende møder' }).getByRole('listitem')).toHaveCount(1);
  await expectAccessible(citizen, 'Mine møder (da)');
  await citizen.getByRole('link', { name: 'Book et møde' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Book et møde');
  await expect(citizen.getByText('Med Lars Jensen')).toBeVisible();
  await citizen.getByRole('radio', { name: 'Videomøde' }).check();
  await chooseLastDay(citizen);
  await timeRadios(citizen).first().focus();
  await citizen.keyboard.press('Space');
  await citizen.keyboard.press('ArrowDown');
  await expect(timeRadios(citizen).nth(1)).toBeChecked();
  await expect(citizen.locator('#chosen-time')).toContainText('Du har valgt');
  await citizen.getByLabel('Det vil jeg gerne tale om').fill('Jeg vil tale om praktik');
  await expectAccessible(citizen, 'Book et møde with a time chosen (da)');
  await citizen.setViewportSize({ width: 320, height: 640 });
  await expect.poll(() => citizen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(citizen, 'Book et møde at 320 px (da)');
  await citizen.setViewportSize({ width: 360, height: 740 });
  await citizen.getByRole('button', { name: 'Book mødet' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Mine møder');
  await expect(citizen.getByRole('status').filter({ hasText: 'Dit møde er booket' })).toBeVisible();
  const booked = citizen.getByRole('listitem').filter({ hasText: 'Jeg vil tale om praktik' });
  await expect(booked).toContainText('Videomøde');
  await expect(booked).toContainText('https://video.example/lars');
  await expectAccessible(citizen, 'Mine møder after booking (da)');

  // Moving it to another time the same day.
  await booked.getByRole('link', { name: 'Flyt mødet' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Flyt mødet');
  await chooseLastDay(citizen);
  await timeRadios(citizen).last().check();
  const movedTo = (await timeRadios(citizen).last().getAttribute('id')).replace('starts_at-', '');
  await expectAccessible(citizen, 'Flyt mødet (da)');
  await citizen.getByRole('button', { name: 'Flyt mødet hertil' }).click();
  await expect(citizen.getByRole('status').filter({ hasText: 'Mødet er flyttet til' })).toBeVisible();
  const list = await api(citizen, 'GET', '/me/meetings');
  expect(list.body.upcoming.map(m => String(m.starts_at))).toContain(movedTo);

  // Its calendar file follows the move.
  const [download] = await Promise.all([
    citizen.waitForEvent('download'),
    booked.getByRole('link', { name: 'Hent mødet til din kalender' }).click(),
  ]);
  expect(fs.readFileSync(await download.path(), 'utf8')).toContain('SEQUENCE:1');

  // Cancelling asks first; "Nej" keeps it.
  await booked.getByRole('button', { name: 'Aflys mødet' }).click();
  await expect(citizen.getByRole('button', { name: 'Ja, aflys mødet' })).toBeFocused();
  await expectAccessible(citizen, 'cancel question (da)');
  await citizen.getByRole('button', { name: 'Nej, behold mødet' }).click();
  await booked.getByRole('button', { name: 'Aflys mødet' }).click();
  await citizen.getByRole('button', { name: 'Ja, aflys mødet' }).click();
  await expect(citizen.getByRole('status').filter({ hasText: 'Mødet er aflyst' })).toBeVisible();
  await expect(citizen.getByRole('listitem').filter({ hasText: 'Jeg vil tale om praktik' })).toHaveCount(0);

  // A time taken while the citizen chose it: the nearest free times instead, one click each.
  await citizen.getByRole('link', { name: 'Book et møde' }).click();
  await chooseLastDay(citizen);
  await timeRadios(citizen).first().check();
  const wanted = Number((await timeRadios(citizen).first().getAttribute('id')).replace('starts_at-', ''));
  await caseworker.goto('/kalender');
  await caseworker.getByRole('link', { name: 'Sofie Larsen' }).first().click();
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('Møder');
  const sofie = caseworker.url().split('/borgere/')[1].split('/')[0];
  const taken = await api(caseworker, 'POST', `/citizens/${sofie}/meetings`, {
    starts_at: wanted, length_minutes: 30, format: 'in_person', idempotency_key: crypto.randomUUID(),
  });
  expect(taken.status).toBe(201);
  await citizen.getByRole('button', { name: 'Book mødet' }).click();
  const takenAlert = citizen.getByRole('alert').filter({ hasText: 'Tiden er lige blevet taget' });
  await expect(takenAlert).toBeFocused();
  await expectAccessible(citizen, 'a time just taken (da)');
  await takenAlert.getByRole('button').first().click();
  await expect(citizen.locator('#chosen-time')).toContainText('Du har valgt');
  await citizen.getByRole('button', { name: 'Book mødet' }).click();
  await expect(citizen.getByRole('status').filter({ hasText: 'Dit møde er booket' })).toBeVisible();

  // The caseworker's call-in waits for the citizen, who confirms it.
  await caseworker.reload();
  const called = caseworker.getByRole('listitem').filter({ hasText: 'Venter på, at borgeren bekræfter tiden.' });
  await expect(called).toHaveCount(1);
  await expectAccessible(caseworker, 'a citizen\'s meetings for the caseworker (da)');
  await caseworker.getByRole('link', { name: 'Indkald til møde' }).click();
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('Indkald til møde');
  await expectAccessible(caseworker, 'Indkald til møde (da)');
  await citizen.goto('/moeder');
  const summoned = citizen.getByRole('listitem').filter({ hasText: 'Jobcentret har indkaldt dig' });
  await expect(summoned).toHaveCount(1);
  await expectAccessible(citizen, 'a call-in waiting for confirmation (da)');
  await summoned.getByRole('button', { name: 'Bekræft mødet' }).click();
  await expect(citizen.getByRole('status').filter({ hasText: 'Tak. Mødet er bekræftet.' })).toBeVisible();
  await expect(citizen.getByRole('button', { name: 'Bekræft mødet' })).toHaveCount(0);

  // In English.
  await citizen.getByRole('link', { name: 'English' }).first().click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('My meetings');
  await expect(citizen.getByRole('heading', { name: 'Upcoming meetings' })).toBeVisible();
  await expectAccessible(citizen, 'Mine møder (en)');
  await citizen.getByRole('link', { name: 'Book a meeting' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Book a meeting');
  await expectAccessible(citizen, 'Book et møde (en)');
  await citizen.getByRole('link', { name: 'Dansk' }).first().click();
  await caseworker.getByRole('link', { name: 'English' }).first().click();
  await caseworker.goto('/kalender');
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText('My meetings');
  await expectAccessible(caseworker, 'the caseworker\'s week (en)');
  await caseworker.getByRole('link', { name: 'Dansk' }).first().click();
});
