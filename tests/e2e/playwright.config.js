// Browser tests run against servers that `cargo xtask test` starts (SAMMEN_E2E_URL and
// SAMMEN_E2E_IDLE_URL). They use Debian's Chromium: Playwright's own browsers cannot be
// downloaded here, and we test the browser people actually have.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './specs',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A test.only left in a spec would silently skip the rest.
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: process.env.SAMMEN_E2E_URL,
    viewport: { width: 360, height: 740 },
    locale: 'da-DK',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--disable-quic', '--no-first-run'],
    },
    trace: 'off',
  },
});
