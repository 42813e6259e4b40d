// Loads a page in a fresh Chromium profile (a first visit: empty cache) on a phone-sized screen
// and lists every response it downloads, with the bytes on the wire (as negotiated) and the
// content encoding. `cargo xtask bench` adds the brotli sizes from dist/.
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
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
const requests = new Map();
cdp.on('Network.responseReceived', e => {
  requests.set(e.requestId, { url: e.response.url, status: e.response.status,
    encoding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '' });
});
cdp.on('Network.loadingFinished', e => {
  const r = requests.get(e.requestId);
  if (r) r.bytes = e.encodedDataLength;
});
await page.goto(url, { waitUntil: 'networkidle' });
await page.getByRole('heading', { level: 1, name: heading }).waitFor();
await page.waitForTimeout(500);
console.log(JSON.stringify([...requests.values()].filter(r => r.bytes !== undefined && r.status < 300)));
await browser.close();
