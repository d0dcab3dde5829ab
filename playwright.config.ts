import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  // One retry on CI only: a browser test that fails once under load and then passes is reported as flaky
  // (scripts/test-summary.mjs names it), instead of throwing away a whole run. Locally every failure shows.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    headless: true,
    launchOptions: { executablePath: '/usr/bin/chromium' },
  },
});
