import { afterAll, beforeAll } from 'vitest';
import { startTestApp, type TestApp } from './test-app.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface AppSuite {
  testDb: TestDatabase;
  app: TestApp;
}

/** A test file's own database and server, started before its tests and torn down after them. */
export function suiteWithApp(options?: Parameters<typeof startTestApp>[1]): AppSuite {
  const suite = {} as AppSuite;
  beforeAll(async () => {
    suite.testDb = await createTestDatabase();
    suite.app = await startTestApp(suite.testDb.database, options);
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.testDb?.drop();
  });
  return suite;
}
