import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecordView } from '../../shared/api/call-records.ts';
import { connectGoogleAt, googleEnv } from '../actions/actions-suite.ts';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import { type FakeGmail, startFakeGmail } from '../support/fakes/gmail-server.ts';
import { type FakeGoogle, startFakeGoogle } from '../support/fakes/google-oauth-server.ts';
import { type FileBackend, startBackendForFile } from './support/backend-for-file.ts';
import {
  type ExtensionBrowser,
  launchWithExtension,
  saveSidebarScreenshot,
  sidebarOf,
  signIn,
} from './support/chromium-with-extension.ts';
import { fixturePages, routeFixturePages } from './support/fixture-routes.ts';
import { fixturesDir } from './support/paths.ts';

let google: FakeGoogle;
let gmail: FakeGmail;
let backend: FileBackend;
let browser: ExtensionBrowser;
const call = async <T>(procedure: string, input?: unknown) =>
  resultData<T>(await callProcedure(backend.server, procedure, input, backend.token));

let record: CallRecordView;

/**
 * A `cscx serve` of this file's own whose Gmail is the fake's (its admin's Google connected through
 * the real consent flow), and the Initech meeting page's number with a transcript of that call
 * stored through the API.
 */
beforeAll(async () => {
  google = await startFakeGoogle();
  gmail = await startFakeGmail();
  backend = await startBackendForFile({
    ...googleEnv(google, gmail),
    ANTHROPIC_API_KEY: '',
    GEMINI_API_KEY: '',
  });
  await connectGoogleAt(
    google,
    { email: backend.email },
    {
      start: () => call<{ authorizationUrl: string }>('connections.start', { provider: 'google' }),
      open: (path) => fetch(`${backend.server.url}${path}`),
    },
  );
  browser = await launchWithExtension();
  await routeFixturePages(browser.context);
  await signIn(browser, { backendUrl: backend.server.url, token: backend.token, email: backend.email });
  const found = await call<{ items: { id: string; name: string }[] }>('customers.list', {
    search: 'Initech',
    limit: 5,
  });
  const initech = found.items.find((c) => c.name === 'Initech');
  if (!initech) throw new Error('the fixture customer Initech is missing');
  for (const person of [
    { email: 'marco.ruiz@initech.test', name: 'Marco Ruiz', role: 'decision_maker' },
    { email: 'priya.n@initech.test', name: 'Priya N.', role: 'champion' },
  ])
    await call('contacts.link', { ...person, customerId: initech.id });
  const stored = await call<{ record: CallRecordView }>('meetings.importTranscript', {
    text: readFileSync(path.join(fixturesDir, 'transcripts/zoom-renewal-call.vtt'), 'utf8'),
    customerId: initech.id,
    conferenceId: '84400012345',
    title: 'Initech renewal call',
    occurredAt: '2026-11-24T15:00:00Z',
  });
  record = stored.record;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
  await google?.close();
  await gmail?.close();
});

describe('the Call tab on a Zoom meeting page', () => {
  it('shows the call record of the seeded transcript; its follow-up waits in the Inbox and, approved, reaches Gmail once', async () => {
    const page = await browser.context.newPage();
    await page.goto(fixturePages.zoomMeeting.url);
    const sidebar = sidebarOf(page);
    await sidebar.getByRole('tab', { name: 'Call' }).click();
    const panel = sidebar.getByRole('tabpanel', { name: 'Call' });
    await panel.getByRole('heading', { name: 'Initech renewal call' }).waitFor({ timeout: 20_000 });

    await expect(panel.getByRole('region', { name: 'Summary' }).textContent()).resolves.toContain(
      record.analysis.summary.slice(0, 40),
    );
    const decisions = await panel.getByRole('region', { name: 'Decisions' }).locator('li').allTextContents();
    expect(decisions).toEqual(record.analysis.decisions.map((d) => d.text));
    const items = panel.getByRole('region', { name: 'Action items' });
    const owned = record.analysis.actionItems.find((i) => i.owner && i.due);
    expect(owned).toBeDefined();
    await expect(items.getByText(owned?.text ?? '').count()).resolves.toBe(1);
    await expect(items.textContent()).resolves.toContain(`${owned?.owner} · due`);
    const meters = panel.getByRole('region', { name: 'Speakers' }).locator('meter');
    await expect(meters.count()).resolves.toBe(record.analysis.speakers.length);
    await expect(panel.getByRole('region', { name: 'Signals' }).textContent()).resolves.toMatch(/Risk: /);
    await saveSidebarScreenshot(page, 'zoom-call-record');

    // Each speaker says how it was matched: Marco by his contact's name, Priya by nothing yet.
    const speakers = panel.getByRole('region', { name: 'Speakers' });
    await expect(
      speakers.getByRole('note', { name: 'How Marco Ruiz was matched' }).textContent(),
    ).resolves.toBe('marco.ruiz@initech.test · contact of that name');
    await expect(
      speakers.getByRole('note', { name: 'How Priya Natarajan was matched' }).textContent(),
    ).resolves.toBe('not matched');

    // Zoom's "Priya Natarajan" is the contact "Priya N.": fixed here, and remembered.
    await panel
      .getByRole('combobox', { name: 'Who is Priya Natarajan?' })
      .selectOption({ label: 'Priya N.' });
    await expect
      .poll(() => speakers.getByRole('note', { name: 'How Priya Natarajan was matched' }).textContent())
      .toBe('Priya N. · priya.n@initech.test · fixed here');
    await expect
      .poll(async () => {
        const shown = await call<{ record: CallRecordView | null }>('meetings.callRecord', { id: record.id });
        return shown.record?.speakers.find((s) => s.speaker === 'Priya Natarajan')?.how;
      })
      .toBe('manual');

    await panel.getByRole('button', { name: 'Draft follow-up' }).click();
    await panel.getByText('Follow-up email waiting in the Inbox for approval.').waitFor({ timeout: 20_000 });
    const waiting = await call<{ kind: string; status: string; payload: { to: string[]; body: string } }[]>(
      'actions.list',
      { state: 'pending' },
    );
    const followUp = waiting.find(
      (a) => a.kind === 'email.send' && a.payload.to.includes('marco.ruiz@initech.test'),
    );
    expect(followUp).toMatchObject({ status: 'proposed' });
    expect(followUp?.payload.to).toContain('priya.n@initech.test');
    for (const decision of record.analysis.decisions) expect(followUp?.payload.body).toContain(decision.text);

    // It waits in the Inbox tab; approved there, it reaches Gmail once.
    await sidebar.getByRole('tab', { name: 'Inbox' }).click();
    const card = sidebar
      .getByRole('region', { name: 'For me' })
      .getByRole('listitem', { name: 'Send an email · Initech' });
    await card.waitFor({ timeout: 20_000 });
    await expect(card.getByRole('figure', { name: 'Email preview' }).textContent()).resolves.toContain(
      'Follow-up: Initech renewal call',
    );
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => gmail.sent.length, { timeout: 30_000, interval: 250 }).toBe(1);
    expect(gmail.sent[0]?.headers.to).toContain('marco.ruiz@initech.test');
    expect(gmail.sent[0]?.body).toBe(followUp?.payload.body);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(gmail.sent).toHaveLength(1);
    await page.close();
  });
});
