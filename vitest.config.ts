import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // The JSON report feeds the plain "N passed, N failed" line that CI prints.
    reporters: ['default', ['json', { outputFile: 'reports/unit.json' }]],
    testTimeout: 30_000,
    // Processed by Vite so that tests can replace its browser (vi.mock('@wxt-dev/browser')) with a fake one.
    server: { deps: { inline: ['wxt', '@wxt-dev/storage'] } },
  },
});
