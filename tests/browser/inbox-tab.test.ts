import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedAction, PolicyView } from '../../shared/api/actions.ts';
import type { GmailThreadContext } from '../../shared/host-context.ts';
import { connectGoogleAt, googleEnv } from '../actions/actions-suite.ts';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import { type FakeGmail, startFakeGmail } from '../support/fakes/gmail-server.ts';
import { type FakeCalendar, startFakeCalendar } from '../support/fakes/google-calendar-server.ts';
import { type FakeGoogle, startFakeGoogle } from '../support/fakes/google-oauth-server.ts';
import { type FileBackend, startBackendForFile } from './support/backend-for-file.ts';
import { type ExtensionBrowser, launchWithExtension, signIn } from './support/chromium-with-extension.ts';
import { routeFixturePages } from './support/fixture-routes.ts';
import { fixtureThreadContext, openThreadInSidebar, screenshots } from './support/thread-in-sidebar.ts';

let google: FakeGoogle;
let gmail: FakeGmail;
let calendar: FakeCalendar;
let backend: FileBackend;
let browser: ExtensionBrowser;
let thread: GmailThreadContext;

const call = <T>(procedure: string, input?: unknown) =>
  callProcedure(backend.server, procedure, input, backend.token).then((r) => resultData<T>(r));

/**
 * A `cscx serve` of this file's own whose Google calls go to the fake Google, Gmail and Calendar of this test
 * process, its admin's Google account connected through the real consent flow; the fixture thread
 * under an id of this file's own, known to the fake mailbox so the reply stays in it.
 */
beforeAll(async () => {
  google = await startFakeGoogle();
  gmail = await startFakeGmail();
  calendar = await startFakeCalendar({ otherApis: gmail.url });
  backend = await startBackendForFile({
    ...googleEnv(google, gmail),
    CSCX_GOOGLE_API_URL: calendar.url,
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
  const fixture = await fixtureThreadContext(browser);
  // Signed in as the backend's own admin, not the fixture's CSM: the CSM's message in the thread
  // would be a colleague's, and the Draft tab replies to the latest sender who is not the user.
  thread = {
    ...fixture,
    threadId: `${fixture.threadId}-inbox`,
    subject: `${fixture.subject} (inbox)`,
    messages: fixture.messages.filter((m) => !m.from?.endsWith('@cscx.localhost')),
  };
  gmail.threads.set(thread.threadId ?? '', [
    { 'Message-ID': '<dana-1@acme-robotics.test>', Subject: thread.subject },
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
  await google?.close();
  await gmail?.close();
  await calendar?.close();
});

/** What the toolbar icon's badge reads now, from the extension's service worker. */
async function badgeText(): Promise<string> {
  const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  return worker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
    ).chrome.action.getBadgeText({}),
  );
}

async function history(): Promise<ListedAction[]> {
  return call<ListedAction[]>('actions.list', { scope: 'mine', state: 'history' });
}

/** The Draft tab's local draft of a reply, proposed as `email.send` with its "Send via approval". */
async function proposeADraftedReply(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Draft' }).click();
  await page.getByRole('button', { name: 'Draft', exact: true }).click();
  await page.locator('.draft-preview .written-by').waitFor({ timeout: 30_000 });
  const send = page.getByRole('region', { name: 'Send via approval' });
  await send.getByRole('button', { name: 'Send via approval' }).click();
  await send.getByText(/^Waiting for approval: to /).waitFor({ timeout: 10_000 });
}

async function theInboxCard(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Inbox' }).click();
  const card = page
    .getByRole('region', { name: 'For me' })
    .getByRole('listitem', { name: 'Send an email · Acme Robotics' });
  await card.waitFor({ timeout: 10_000 });
  return card;
}

describe('the Inbox tab in Chromium, against the real backend, Gmail faked', () => {
  let page: Page;

  beforeAll(async () => {
    page = await openThreadInSidebar(browser, thread);
    await page.getByRole('heading', { name: 'Acme Robotics', exact: true }).waitFor({ timeout: 30_000 });
  });

  it('shows a drafted reply proposed as email.send, and sends exactly one message with the body as edited there', async () => {
    await proposeADraftedReply(page);
    const card = await theInboxCard(page);
    const preview = card.getByRole('figure', { name: 'Email preview' });
    expect(await preview.textContent()).toContain(backend.email);
    expect(await preview.textContent()).toContain('dana.reyes@acme-robotics.test');
    expect(await preview.textContent()).toContain(`Re: ${thread.subject}`);
    expect(await card.getByText('Medium risk').count()).toBe(1);
    await screenshots(page, 'inbox-pending-email');

    await card.getByRole('button', { name: 'Edit' }).click();
    const body = card.getByLabel('Body');
    const edited = 'Hi Dana,\n\nThe updated terms are attached; SSO is on for Friday.\n\nSam';
    await body.fill(edited);
    await card.getByRole('button', { name: 'Approve as edited' }).click();
    await page.getByRole('region', { name: 'Nothing waits for you' }).waitFor({ timeout: 10_000 });

    await expect.poll(() => gmail.sent.length, { timeout: 30_000, interval: 250 }).toBe(1);
    expect(gmail.sent[0]?.body).toBe(edited);
    expect(gmail.sent[0]?.threadId).toBe(thread.threadId);
    expect(gmail.sent[0]?.headers).toMatchObject({ to: 'dana.reyes@acme-robotics.test' });
    await expect.poll(async () => (await history())[0]?.status, { timeout: 30_000 }).toBe('done');
    const [done] = await history();
    expect(done?.originalPayload.body).not.toBe(edited);
    expect(done?.editedPayload?.body).toBe(edited);

    await page.getByRole('button', { name: 'Refresh' }).click();
    const ran = page.getByRole('region', { name: 'History' }).getByRole('listitem').first();
    await ran.getByText('Done', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await ran.getByText('edited before approving', { exact: false }).count()).toBe(1);
    await screenshots(page, 'inbox-history');
  }, 120_000);

  it('sends nothing for a reply rejected there, keeps the note, and the icon’s badge counts it while it waits', async () => {
    const sentBefore = gmail.sent.length;
    const { items } = await call<{ items: { id: string; name: string }[] }>('customers.list', { limit: 200 });
    const customerId = items.find((c) => c.name === 'Acme Robotics')?.id;
    await call('actions.propose', {
      kind: 'email.send',
      customerId,
      reason: 'A second reply to reject',
      payload: {
        to: ['dana.reyes@acme-robotics.test'],
        cc: [],
        references: [],
        subject: `Re: ${thread.subject}`,
        body: 'This one must never leave.',
      },
    });
    // The tab is open already: its Refresh asks now rather than at the next poll.
    await page.getByRole('button', { name: 'Refresh' }).click();
    const card = await theInboxCard(page);
    // The icon counts what waits for the signed-in user: the Refresh asked the background too.
    await expect.poll(badgeText, { timeout: 10_000 }).toBe('1');
    await card.getByRole('button', { name: 'Reject' }).click();
    await card.getByLabel(/^Why not/).fill('Already answered');
    await card
      .getByRole('form', { name: 'Reject with a note' })
      .getByRole('button', { name: 'Reject' })
      .click();
    await page.getByRole('region', { name: 'Nothing waits for you' }).waitFor({ timeout: 10_000 });
    await expect.poll(badgeText, { timeout: 10_000 }).toBe('');
    const [rejected] = await history();
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'Already answered' });
    // Longer than the worker's poll: had it been queued, it would have gone.
    await page.waitForTimeout(3_000);
    expect(gmail.sent.length).toBe(sentBefore);
    expect(gmail.sent.some((m) => m.body === 'This one must never leave.')).toBe(false);
  }, 60_000);

  it('creates an event moved there in Calendar at the time typed, as long as proposed, in its own zone', async () => {
    const { items } = await call<{ items: { id: string; name: string }[] }>('customers.list', { limit: 200 });
    await call('actions.propose', {
      kind: 'calendar.create_event',
      customerId: items.find((c) => c.name === 'Acme Robotics')?.id,
      reason: 'Dana asked for a renewal review',
      payload: {
        summary: 'Acme renewal review',
        start: { dateTime: '2026-12-15T15:00:00.000Z', timeZone: 'Europe/London' },
        end: { dateTime: '2026-12-15T16:00:00.000Z', timeZone: 'Europe/London' },
        attendees: ['dana.reyes@acme-robotics.test'],
      },
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const card = page
      .getByRole('region', { name: 'For me' })
      .getByRole('listitem', { name: 'Create a calendar event · Acme Robotics' });
    await card.waitFor({ timeout: 10_000 });
    await card.getByRole('button', { name: 'Edit' }).click();
    const starts = card.getByLabel(/^Starts \(/);
    const ends = card.getByLabel(/^Ends \(/);
    // The same time of the next day, in whatever zone the browser is in: no clock changes in mid-December.
    const nextDay = (wall: string) =>
      wall.replace(/-(\d{2})T/, (_, day: string) => `-${String(Number(day) + 1).padStart(2, '0')}T`);
    const [shownStart, shownEnd] = [await starts.inputValue(), await ends.inputValue()];
    await starts.fill(nextDay(shownStart));
    expect(await ends.inputValue()).toBe(nextDay(shownEnd));
    await screenshots(page, 'inbox-edit-event');
    await card.getByRole('button', { name: 'Approve as edited' }).click();

    await expect.poll(() => calendar.events.length, { timeout: 30_000, interval: 250 }).toBe(1);
    const [created] = calendar.events;
    expect(created?.summary).toBe('Acme renewal review');
    expect(Date.parse(created?.start.dateTime ?? '')).toBe(Date.parse('2026-12-16T15:00:00.000Z'));
    expect(Date.parse(created?.end.dateTime ?? '')).toBe(Date.parse('2026-12-16T16:00:00.000Z'));
    expect(created?.start.timeZone).toBe('Europe/London');
  }, 90_000);
});

describe('the settings page’s approval policy in Chromium', () => {
  it('saves an admin’s policy for a kind, and the backend holds it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#/approvals`);
    const row = page.getByRole('form', { name: 'Policy: Create a task' });
    await row.waitFor({ timeout: 20_000 });
    await row.getByLabel('When proposed').selectOption('ask');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByRole('status').waitFor();
    const policy = await call<PolicyView>('actions.policy');
    expect(policy.policies.find((p) => p.kind === 'task.create')).toEqual({
      kind: 'task.create',
      mode: 'ask',
      isDefault: false,
    });
    await page.reload();
    const again = page.getByRole('form', { name: 'Policy: Create a task' });
    await again.waitFor({ timeout: 20_000 });
    expect(await again.getByLabel('When proposed').inputValue()).toBe('ask');
    await screenshots(page, 'settings-approval-policy');
  }, 60_000);
});
