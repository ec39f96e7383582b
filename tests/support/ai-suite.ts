import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Clock } from '../../backend/clock.ts';
import { aiRuns } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { type FakeAnthropic, startFakeAnthropic } from './fakes/anthropic-server.ts';
import { type FakeGemini, startFakeGemini } from './fakes/gemini-server.ts';
import { startTestApp, type TestApp } from './test-app.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface AiSuite {
  anthropic: FakeAnthropic;
  gemini: FakeGemini;
  testDb: TestDatabase;
  app: TestApp;
  /** The org's `ai_runs`, oldest first. */
  runsOf(org: OrgRef): Promise<(typeof aiRuns.$inferSelect)[]>;
}

/**
 * A test file's database and server whose Anthropic and Gemini SDKs talk to local fakes (each
 * accepting only its key), started before its tests; the fakes forget their scripts between tests,
 * so one that failed midway leaves nothing to the next.
 */
export function suiteWithAiFakes(options: {
  keys: { anthropic: string; gemini: string };
  env?: Record<string, string>;
  clock?: Clock;
}): AiSuite {
  const suite = {
    runsOf: (org: OrgRef) =>
      inOrg(suite.testDb.database.db, org.id, (tx) =>
        tx.select().from(aiRuns).where(eq(aiRuns.orgId, org.id)).orderBy(aiRuns.createdAt),
      ),
  } as AiSuite;
  beforeAll(async () => {
    suite.anthropic = await startFakeAnthropic({ apiKey: options.keys.anthropic });
    suite.gemini = await startFakeGemini({ apiKey: options.keys.gemini });
    suite.testDb = await createTestDatabase();
    suite.app = await startTestApp(suite.testDb.database, {
      ...(options.clock ? { clock: options.clock } : {}),
      env: {
        CSCX_ANTHROPIC_BASE_URL: suite.anthropic.url,
        CSCX_GEMINI_BASE_URL: suite.gemini.url,
        ...options.env,
      },
    });
  });
  beforeEach(() => {
    suite.anthropic.reset();
    suite.gemini.reset();
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.testDb?.drop();
    await suite.anthropic?.close();
    await suite.gemini?.close();
  });
  return suite;
}
