import { defineConfig } from 'vitest/config';

const dbTests = ['tests/**/*.db.test.ts'];
const extensionTests = ['tests/extension/**/*.test.{ts,tsx}'];
const browserTests = ['tests/browser/**/*.test.ts'];
// Every project refuses (and counts) outbound connections that are not to loopback.
const shared = { testTimeout: 30_000, hookTimeout: 120_000, setupFiles: ['tests/support/outbound-guard.ts'] };

/**
 * One database suite, two targets, both always present: the embedded PGlite, and a real PostgreSQL
 * server at CSCX_TEST_DATABASE_URL (`npm test` starts one and sets it; without it the db-postgres global
 * setup fails, it never skips; the reporter fails a full run if either target passed nothing). A run
 * narrowed to other projects or files never starts that setup, so it needs no server.
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
      {
        test: {
          ...shared,
          name: 'db-postgres',
          include: dbTests,
          env: { CSCX_TEST_TARGET: 'postgres' },
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
  },
});
