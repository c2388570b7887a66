import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the real API serving the built SPA (web/scripts/test.mjs starts both and sets
 * BASE_URL). Debian's Chromium, headless; nothing is downloaded.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/results/artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:3000',
    locale: 'en-IN',
    timezoneId: 'America/New_York', // the SPA must show IST whatever the browser's zone
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
