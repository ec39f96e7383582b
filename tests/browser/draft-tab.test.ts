import type { CDPSession, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { StyleProfileOutput } from '../../shared/api/style.ts';
import type { GmailThreadContext } from '../../shared/host-context.ts';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import { fixtureCustomers } from './support/fixture-customers.ts';
import { signedInBrowserOnFixtures } from './support/signed-in-browser.ts';
import { fixtureThreadContext, openThreadInSidebar, screenshots } from './support/thread-in-sidebar.ts';

const suite = signedInBrowserOnFixtures();
let thread: GmailThreadContext;

/**
 * The fixture thread under an id and subject of this file's own: drafting analyses and logs the
 * thread, and the thread-analysis file expects to log the fixture's thread first.
 */
beforeAll(async () => {
  const fixture = await fixtureThreadContext(suite.browser);
  thread = { ...fixture, threadId: `${fixture.threadId}-drafting`, subject: `${fixture.subject} (drafting)` };
});

interface Watched {
  cscxPreviewLengths: number[];
  cscxFromSidebar: { type: string; text?: string; draftId?: string; stoppedBeforeFlagged?: boolean }[];
  cscxContentPort: { postMessage(message: unknown): void };
}

/** Every length the preview's text had, in order, recorded in the page as it changes. */
async function watchPreview(page: Page): Promise<void> {
  await page.evaluate(() => {
    const lengths: number[] = [];
    Object.assign(window, { cscxPreviewLengths: lengths });
    new MutationObserver(() => {
      const text = document.querySelector('.draft-preview .draft-text')?.textContent ?? '';
      if (lengths.at(-1) !== text.length) lengths.push(text.length);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** The compose's "Draft with CSCX", as the Gmail content script passes it on. */
async function pressDraftWithCscx(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as Watched).cscxContentPort.postMessage({ type: 'draft-request', intent: 'reply' }),
  );
}

/** What the sidebar sent the content script about the compose (not its "ready"s). */
async function sentToCompose(page: Page) {
  const sent = await page.evaluate(() => (window as unknown as Watched).cscxFromSidebar);
  return sent.filter((m) => m.type !== 'ready');
}

const previewText = async (page: Page) =>
  (await page.locator('.draft-preview .draft-text').textContent()) ?? '';

async function finished(page: Page): Promise<string> {
  await page.locator('.draft-preview .written-by').waitFor({ timeout: 20_000 });
  return previewText(page);
}

/** The fixture's renewal date as a letter would write it ("January 8, 2027"), day left open (time zones). */
function renewalDatePattern(): RegExp {
  const renewal = new Date(Date.now() + fixtureCustomers.acme.renewsInDays * 86_400_000);
  const month = renewal.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  return new RegExp(`${month} \\d{1,2}, ${renewal.getUTCFullYear()}`);
}

/** The signed-in CSM's style profile, as the backend has it now. */
async function styleProfile(): Promise<StyleProfileOutput> {
  return resultData(
    await callProcedure({ url: inject('backendUrl') }, 'drafts.styleProfile', null, inject('token')),
  );
}

/** Chromium's own throttling (DevTools' network conditions), so a click can land mid-stream. */
const throttles = new WeakMap<Page, CDPSession[]>();

async function slowNetwork(page: Page, bytesPerSecond: number | null): Promise<void> {
  // The sidebar is an extension page in a frame of its own process: its requests are throttled
  // through its own target, the host page's through the page's. One session per target, kept, so
  // that a later setting replaces an earlier one.
  let sessions = throttles.get(page);
  if (!sessions) {
    const targets = [page, ...page.frames().filter((frame) => frame.url().startsWith('chrome-extension://'))];
    sessions = await Promise.all(targets.map((target) => page.context().newCDPSession(target)));
    for (const cdp of sessions) await cdp.send('Network.enable');
    throttles.set(page, sessions);
  }
  for (const cdp of sessions)
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: bytesPerSecond ?? -1,
      uploadThroughput: -1,
    });
}

describe('the Draft tab in Chromium, against the real backend with no model key', () => {
  let page: Page;
  let firstDraft = '';

  beforeAll(async () => {
    page = await openThreadInSidebar(suite.browser, thread);
    await page.getByRole('heading', { name: 'Acme Robotics', exact: true }).waitFor({ timeout: 20_000 });
  });

  it('drafts at the compose’s "Draft with CSCX": a reply naming the account’s facts and answering the ask streams into the Draft tab and the compose', async () => {
    await watchPreview(page);
    // Slow enough that chunks arrive apart, whatever the machine's load (a fast local draft can
    // otherwise land in one read and be painted once).
    await slowNetwork(page, 4_000);
    await pressDraftWithCscx(page);
    const form = page.getByRole('form', { name: 'Draft settings' });
    await form.waitFor({ timeout: 10_000 });
    expect(await page.getByRole('tab', { name: 'Draft' }).getAttribute('aria-selected')).toBe('true');
    expect(await form.getByLabel('Kind of email').inputValue()).toBe('reply');
    firstDraft = await finished(page);
    await slowNetwork(page, null);
    expect(firstDraft).toMatch(/^Hi Dana,/);
    expect(firstDraft).toMatch(renewalDatePattern());
    expect(firstDraft).toContain('the updated terms');
    expect(await page.locator('.draft-preview .written-by').textContent()).toMatch(
      /^Written by the local writer \(.+\)\.$/,
    );
    // It came in pieces: the preview showed part of the draft more than once on the way to all of
    // it (chunks read together are painted together, so how many parts depends on the machine).
    const lengths = await page.evaluate(() => (window as unknown as Watched).cscxPreviewLengths);
    const parts = lengths.filter((n) => n > 'Writing…'.length && n < firstDraft.length);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    // The compose was told to show its Stop, given the draft chunk by chunk, then told it was done.
    await page.getByText('Inserted into the reply at the cursor.', { exact: false }).waitFor();
    const toCompose = await sentToCompose(page);
    expect(toCompose.map((m) => m.type)).toEqual([
      'writing',
      ...toCompose.slice(1, -1).map(() => 'insert'),
      'writing',
    ]);
    expect(toCompose.length).toBeGreaterThan(4);
    // Its end named the finished draft, for the compose to record when it is sent.
    expect(toCompose.at(-1)).toMatchObject({ type: 'writing', writing: false, draftId: expect.any(String) });
    expect(toCompose.at(-1)?.stoppedBeforeFlagged ?? false).toBe(false);
    expect(
      toCompose
        .filter((m) => m.type === 'insert')
        .map((m) => m.text)
        .join(''),
    ).toBe(firstDraft);
    await screenshots(page, 'gmail-draft-reply');
  });

  it('stops midway on Stop, keeping a beginning of the same draft', async () => {
    await slowNetwork(page, 1_000);
    await page.getByRole('button', { name: 'Draft', exact: true }).click();
    await page.waitForFunction(
      () => (document.querySelector('.draft-preview .draft-text')?.textContent ?? '').length > 40,
    );
    await screenshots(page, 'gmail-draft-streaming');
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByText('Stopped. What was written so far is kept.').waitFor();
    await slowNetwork(page, null);

    const stopped = await previewText(page);
    expect(stopped.length).toBeGreaterThan(40);
    expect(stopped.length).toBeLessThan(firstDraft.length);
    // The same settings and seed give the same draft: what was kept is its beginning.
    expect(firstDraft.startsWith(stopped)).toBe(true);
    await page.waitForTimeout(500);
    expect(await previewText(page)).toBe(stopped);
    expect(await page.getByRole('button', { name: 'Draft', exact: true }).isVisible()).toBe(true);
    await screenshots(page, 'gmail-draft-stopped');
  });

  it('regenerates in another tone with different words, and inserts it into the reply', async () => {
    await page.getByRole('radio', { name: 'Formal' }).check();
    await page.getByRole('button', { name: 'Regenerate' }).click();
    const formal = await finished(page);
    expect(formal).not.toBe(firstDraft);
    expect(formal).toMatch(/^Dear Dana,/);
    expect(formal).toMatch(renewalDatePattern());

    const before = (await sentToCompose(page)).length;
    await page.getByRole('button', { name: 'Insert into the reply' }).click();
    await page.getByText('Inserted into the reply at the cursor.', { exact: false }).waitFor();
    expect((await sentToCompose(page)).slice(before)).toEqual([
      { type: 'insert', id: expect.any(String), text: formal, draftId: expect.any(String) },
    ]);
    await screenshots(page, 'gmail-draft-formal-inserted');
  });

  it('learns from the inserted draft once the CSM edited and sent it: the style profile counts one more sent draft', async () => {
    const inserted = (await sentToCompose(page)).filter((m) => m.type === 'insert').at(-1);
    const draftId = inserted?.draftId ?? '';
    expect(draftId).not.toBe('');
    const before = (await styleProfile()).profile.samples;
    // The CSM changed the greeting and added a line, then pressed Gmail's Send: the content script
    // passes the body on as sent.
    const sentText = `${(inserted?.text ?? '').replace(/^Dear Dana,/, 'Hi Dana,')}\n\nThanks again!`;
    await page.evaluate(
      (sent) => (window as unknown as Watched).cscxContentPort.postMessage({ type: 'sent', ...sent }),
      { draftId, sentText },
    );
    await expect
      .poll(async () => (await styleProfile()).profile.samples, { timeout: 10_000 })
      .toBe(before + 1);
    expect((await styleProfile()).updatedAt).not.toBeNull();
  });
});
