import { afterAll, beforeAll } from 'vitest';
import { healthJobHandlers } from '../../backend/health/jobs.ts';
import { zoomJobHandlers } from '../../backend/meetings/zoom/transcript-job.ts';
import { zoomSignature } from '../../backend/meetings/zoom/webhook-signature.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { aMember, anOrg, type Member } from '../support/builders.ts';
import { type FakeZoom, startFakeZoom } from '../support/fakes/zoom-server.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

export interface ZoomSuite {
  zoom: FakeZoom;
  testDb: TestDatabase;
  app: TestApp;
  /** Posts an event to our webhook as Zoom does: signed over the exact body, stamped now (seconds). */
  postEvent(
    event: unknown,
    options?: { secret?: string; timestamp?: number; signature?: string },
  ): Promise<Response>;
  /** A new org whose admin connected Zoom through the fake's OAuth consent. */
  orgWithZoom(): Promise<{ org: OrgRef; admin: Member }>;
  /** Runs queued jobs until none is left (at most 20). */
  drainJobs(): Promise<string[]>;
}

export function suiteWithFakeZoom(): ZoomSuite {
  const suite = {} as ZoomSuite;
  beforeAll(async () => {
    suite.zoom = await startFakeZoom();
    suite.testDb = await createTestDatabase();
    suite.app = await startTestApp(suite.testDb.database, {
      env: {
        CSCX_ZOOM_CLIENT_ID: suite.zoom.clientId,
        CSCX_ZOOM_CLIENT_SECRET: suite.zoom.clientSecret,
        CSCX_ZOOM_WEBHOOK_SECRET: suite.zoom.webhookSecret,
        CSCX_ZOOM_URL: suite.zoom.url,
        CSCX_ZOOM_API_URL: suite.zoom.apiUrl,
      },
      jobs: {
        handlers: { ...zoomJobHandlers, ...healthJobHandlers },
        schedules: [],
        start: false,
        options: { random: () => 0 },
      },
    });
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.testDb?.drop();
    await suite.zoom?.close();
  });
  suite.postEvent = (event, options = {}) => {
    const body = JSON.stringify(event);
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const signature =
      options.signature ?? zoomSignature(options.secret ?? suite.zoom.webhookSecret, timestamp, body);
    return suite.app.fetch('/webhooks/zoom', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zm-request-timestamp': timestamp,
        'x-zm-signature': signature,
      },
      body,
    });
  };
  suite.orgWithZoom = async () => {
    const db = suite.testDb.database.db;
    const org = await anOrg(db);
    const admin = await aMember(db, org, { role: 'admin' });
    // Each org connects a Zoom account of its own: webhooks are routed by its id.
    suite.zoom.account = {
      ...suite.zoom.account,
      accountId: `Acct${org.id.replaceAll('-', '').slice(0, 18)}`,
    };
    const started = await suite.app.client(admin.token).connections.start.mutate({ provider: 'zoom' });
    const consent = await fetch(started.authorizationUrl, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location') ?? '');
    const page = await suite.app.fetch(`${back.pathname}${back.search}`);
    if (page.status !== 200)
      throw new Error(`the Zoom callback answered ${page.status}: ${await page.text()}`);
    return { org, admin };
  };
  suite.drainJobs = async () => {
    const kinds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const ran = await suite.app.worker?.runOnce();
      if (!ran || ran.kind === 'idle') break;
      kinds.push(ran.kind);
    }
    return kinds;
  };
  return suite;
}
