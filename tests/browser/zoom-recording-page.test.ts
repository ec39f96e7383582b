import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecordView } from '../../shared/api/call-records.ts';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import { type FakeZoom, startFakeZoom } from '../support/fakes/zoom-server.ts';
import { type FileBackend, startBackendForFile } from './support/backend-for-file.ts';
import {
  type ExtensionBrowser,
  launchWithExtension,
  sidebarOf,
  signIn,
} from './support/chromium-with-extension.ts';
import { fixturePages, routeFixturePages } from './support/fixture-routes.ts';
import { fixturesDir } from './support/paths.ts';

let zoom: FakeZoom;
let backend: FileBackend;
let browser: ExtensionBrowser;
const call = async <T>(procedure: string, input?: unknown) =>
  resultData<T>(await callProcedure(backend.server, procedure, input, backend.token));
const transcript = () => readFileSync(path.join(fixturesDir, 'transcripts/zoom-renewal-call.vtt'), 'utf8');
/** The token of the share page fixture (recording-page-data.html), which shows no meeting number. */
const shareToken = new URL(fixturePages.zoomRecordingPageData.url).pathname.split('/').pop() ?? '';
const playToken = new URL(fixturePages.zoomRecording.url).pathname.split('/').pop() ?? '';

async function customerId(name: string): Promise<string> {
  const found = await call<{ items: { id: string; name: string }[] }>('customers.list', {
    search: name,
    limit: 5,
  });
  const customer = found.items.find((c) => c.name === name);
  if (!customer) throw new Error(`the fixture customer ${name} is missing`);
  return customer.id;
}

/**
 * A `cscx serve` of this file's own with Zoom connected to the fake through the real consent flow.
 * The play page's call was pasted there before (its token kept, under a title the page does not
 * show); the share page's recording is only in Zoom, of an Initech meeting on the Calendar.
 */
beforeAll(async () => {
  zoom = await startFakeZoom();
  backend = await startBackendForFile({
    ANTHROPIC_API_KEY: '',
    GEMINI_API_KEY: '',
    CSCX_ZOOM_CLIENT_ID: zoom.clientId,
    CSCX_ZOOM_CLIENT_SECRET: zoom.clientSecret,
    CSCX_ZOOM_URL: zoom.url,
    CSCX_ZOOM_API_URL: zoom.apiUrl,
  });
  const { authorizationUrl } = await call<{ authorizationUrl: string }>('connections.start', {
    provider: 'zoom',
  });
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location') ?? '');
  const callback = await fetch(`${backend.server.url}${back.pathname}${back.search}`);
  if (callback.status !== 200) throw new Error(`the Zoom callback answered ${callback.status}`);

  await call('meetings.importTranscript', {
    text: transcript(),
    customerId: await customerId('Globex Industrial'),
    title: 'Globex QBR, pasted from the recording',
    occurredAt: '2026-04-21T15:00:00Z',
    recordingId: playToken,
  });
  const threeWeeksAgo = new Date(Date.now() - 21 * 24 * 60 * 60 * 1000);
  threeWeeksAgo.setUTCHours(15, 0, 0, 0);
  const start = threeWeeksAgo.toISOString().replace('.000', '');
  await call('meetings.recordFromCalendar', {
    customerId: await customerId('Initech'),
    eventId: 'initech-renewal-event',
    title: 'Initech renewal call',
    start,
    conferenceId: '84400012399',
  });
  zoom.addRecording({
    uuid: 'Ini7echRenewalUuid0123==',
    id: 84400012399,
    topic: 'Initech renewal call',
    startTime: start,
    vtt: transcript(),
    shareToken,
  });

  browser = await launchWithExtension();
  await routeFixturePages(browser.context);
  await signIn(browser, { backendUrl: backend.server.url, token: backend.token, email: backend.email });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
  await zoom?.close();
});

async function callTabOf(url: string) {
  const page = await browser.context.newPage();
  await page.goto(url);
  const sidebar = sidebarOf(page);
  await sidebar.getByRole('tab', { name: 'Call' }).click();
  return { page, panel: sidebar.getByRole('tabpanel', { name: 'Call' }) };
}

describe('the Call tab on a Zoom recording page', () => {
  it('a play page shows the record of the transcript pasted on it, found by the page’s token', async () => {
    const { page, panel } = await callTabOf(fixturePages.zoomRecording.url);
    await panel
      .getByRole('heading', { name: 'Globex QBR, pasted from the recording' })
      .waitFor({ timeout: 20_000 });
    await expect(panel.getByRole('region', { name: 'Summary' }).count()).resolves.toBe(1);
    await expect(panel.getByRole('region', { name: 'Add the transcript' }).count()).resolves.toBe(0);
    await page.close();
  });

  it('a play page Zoom does not list offers the paste box; the transcript pasted there is the page’s record when it is opened again', async () => {
    const first = await callTabOf(fixturePages.zoomRecordingUnknown.url);
    const paste = first.panel.getByRole('region', { name: 'Add the transcript' });
    await paste.waitFor({ timeout: 20_000 });
    await paste
      .getByLabel('Transcript', { exact: true })
      .fill(readFileSync(path.join(fixturesDir, 'transcripts/support-sync.srt'), 'utf8'));
    await paste.getByRole('button', { name: 'Analyse and keep' }).click();
    const title = 'Globex Industrial <> CSCX — Quarterly business review';
    await first.panel.getByRole('heading', { name: title }).waitFor({ timeout: 20_000 });
    await first.page.close();

    const again = await callTabOf(fixturePages.zoomRecordingUnknown.url);
    await again.panel.getByRole('heading', { name: title }).waitFor({ timeout: 20_000 });
    await expect(again.panel.getByRole('region', { name: 'Add the transcript' }).count()).resolves.toBe(0);
    // Found by the page's token itself, not only by its topic that day.
    const byToken = await call<{ record: CallRecordView | null }>('meetings.callRecord', {
      recordingId: new URL(fixturePages.zoomRecordingUnknown.url).pathname.split('/').pop(),
    });
    expect(byToken.record).toMatchObject({ title, source: 'paste' });
    await again.page.close();
  });

  it('a share page no record knows is found in the connected Zoom account, imported, and shown', async () => {
    const { page, panel } = await callTabOf(fixturePages.zoomRecordingPageData.url);
    await panel.getByRole('heading', { name: 'Initech renewal call' }).waitFor({ timeout: 30_000 });
    await expect(panel.getByRole('region', { name: 'Decisions' }).count()).resolves.toBe(1);
    expect(zoom.requests.some((r) => r.path === '/v2/users/me/recordings')).toBe(true);

    const kept = await call<{ record: CallRecordView | null }>('meetings.callRecord', {
      recordingId: shareToken,
    });
    expect(kept.record).toMatchObject({
      source: 'zoom',
      title: 'Initech renewal call',
      conferenceId: '84400012399',
    });
    await page.close();
  });
});
