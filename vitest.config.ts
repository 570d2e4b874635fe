import { defineConfig } from 'vitest/config';

// Three projects: unit tests need nothing; conformance tests run kcc beside kubectl; integration
// tests share one bundled cluster that test/integration/global-setup.ts starts once per run.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    reporters: process.env.CI ? ['verbose'] : ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'conformance', include: ['test/conformance/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 180_000,
        },
      },
    ],
  },
});
