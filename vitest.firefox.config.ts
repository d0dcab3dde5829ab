import { defineConfig } from 'vitest/config';

/**
 * The Firefox end-to-end suite (`npm run test:firefox`): Debian's Firefox ESR
 * driven over WebDriver BiDi by puppeteer-core, with the built extension
 * installed (tests/firefox/firefox.ts). One file at a time, one browser per
 * file; the JSON report feeds CI's "N passed, N failed" line
 * (scripts/test-summary.mjs). Needs `npm run build` first.
 */
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/firefox/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'reports/firefox.json' }]],
  },
});
