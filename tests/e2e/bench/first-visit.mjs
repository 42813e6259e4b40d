// Loads a page in a fresh Chromium profile (a first visit: empty cache) on a phone-sized screen
// and lists every response it downloads, with the bytes on the wire (as negotiated), the
// content encoding, and whether the file was asked for before the page was rendered: its
// heading shown and its load event come (a server-rendered page's web client loads after it).
// `cargo xtask bench` adds the brotli sizes from dist/.
//
// node first-visit.mjs <url> <heading to wait for>
import { chromium } from '@playwright/test';

const [url, heading] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-quic', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'da-DK' });
const page = await context.newPage();
await page.addInitScript(expected => {
  const look = () => {
    const shown = [...document.querySelectorAll('h1')].some(h => h.textContent.trim() === expected);
    if (shown) window.__headingAt = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}, heading);
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
const requests = new Map();
// In flight, but for the live event stream, which stays open as long as the page does.
const pending = new Set();
let lastActivity = Date.now();
const asked = new Map();
cdp.on('Network.requestWillBeSent', e => {
  asked.set(e.requestId, `${e.request.url} (${e.type})`);
  if (e.type !== 'EventSource') pending.add(e.requestId);
  lastActivity = Date.now();
});
const settle = id => { pending.delete(id); lastActivity = Date.now(); };
cdp.on('Network.responseReceived', e => {
  requests.set(e.requestId, { url: e.response.url, status: e.response.status,
    encoding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '' });
});
cdp.on('Network.loadingFinished', e => {
  const r = requests.get(e.requestId);
  if (r) r.bytes = e.encodedDataLength;
  settle(e.requestId);
});
// A file that fails to load would lower the figure instead of breaking the page's count.
const failed = [];
cdp.on('Network.loadingFailed', e => {
  // The event stream ends when the page closes; that is not a file that failed.
  if (!e.canceled) failed.push(requests.get(e.requestId)?.url || e.requestId);
  settle(e.requestId);
});
await page.goto(url, { waitUntil: 'load' });
await page.getByRole('heading', { level: 1, name: heading }).waitFor();
// Done when nothing but the event stream has been in flight for a second.
const deadline = Date.now() + 30000;
while (pending.size > 0 || Date.now() - lastActivity < 1000) {
  if (Date.now() > deadline) {
    throw new Error(`still loading: ${[...pending].map(id => asked.get(id)).join(', ')}`);
  }
  await page.waitForTimeout(100);
}
for (const r of requests.values()) {
  if (r.status >= 400) failed.push(`${r.url} (${r.status})`);
}
if (failed.length) {
  console.error(`files that did not load: ${failed.join(', ')}`);
  process.exit(1);
}
const timing = await page.evaluate(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const started = {};
  for (const r of performance.getEntriesByType('resource')) {
    if (!(r.name in started)) started[r.name] = r.startTime;
  }
  return { document: nav.name, rendered: Math.max(window.__headingAt, nav.loadEventStart), started };
});
const answered = [...requests.values()].filter(r => r.bytes !== undefined && r.status < 300);
for (const r of answered) {
  r.before_render = r.url === timing.document || (timing.started[r.url] ?? Infinity) < timing.rendered;
}
console.log(JSON.stringify(answered));
await browser.close();
