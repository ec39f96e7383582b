import { defineConfig } from 'vitest/config';

const dbTests = ['tests/**/*.db.test.ts'];
const extensionTests = ['tests/extension/**/*.test.{ts,tsx}'];
const browserTests = ['tests/browser/**/*.test.ts'];
const shared = { testTimeout: 30_000, hookTimeout: 120_000 };

/**
 * One database suite, two targets: the embedded PGlite always, and a real PostgreSQL server when
 * CSCX_TEST_DATABASE_URL is set (CI sets it; the reporter fails the run if that target ran nothing).
 * The extension's own tests run in happy-dom; the browser tests build it and drive Debian's Chromium.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './tests/support/require-targets-reporter.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...dbTests, ...extensionTests, ...browserTests],
        },
      },
      {
        test: { ...shared, name: 'extension', include: extensionTests, environment: 'happy-dom' },
      },
      {
        test: {
          ...shared,
          name: 'browser',
          include: browserTests,
          testTimeout: 60_000,
          fileParallelism: false,
          globalSetup: ['tests/browser/support/global-setup.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'db-embedded',
          include: dbTests,
          env: { CSCX_TEST_TARGET: 'embedded' },
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
      ...(process.env.CSCX_TEST_DATABASE_URL
        ? [
            {
              test: {
                ...shared,
                name: 'db-postgres',
                include: dbTests,
                env: { CSCX_TEST_TARGET: 'postgres' },
                globalSetup: ['tests/support/global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
