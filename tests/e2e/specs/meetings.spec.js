// Meetings, as far as the web client shows them today: the caseworker (Lars Jensen) offers
// times and the citizen (Sofie Larsen) books one through the API the pages will use; Mit
// overblik then shows the next meeting and hands out its calendar file. axe-core in Danish
// and English.
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
