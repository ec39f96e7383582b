import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { GmailThreadContext } from '../../shared/host-context.ts';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import { signedInBrowserOnFixtures } from './support/signed-in-browser.ts';
import { fixtureThreadContext, openThreadInSidebar, screenshots } from './support/thread-in-sidebar.ts';

const suite = signedInBrowserOnFixtures();
const subject = 'Renewal terms and SSO rollout';

async function analysisShown(page: Page) {
  const card = page.getByRole('region', { name: 'Thread' });
  await card.locator('.answered-by').waitFor({ timeout: 20_000 });
  return card;
}

async function acmeEmails(): Promise<{ id: string; subject: string; source: string }[]> {
  const server = { url: inject('backendUrl') };
  const { items } = resultData<{ items: { id: string; name: string }[] }>(
    await callProcedure(server, 'customers.list', { limit: 200 }, inject('token')),
  );
  const acme = items.find((c) => c.name === 'Acme Robotics');
  if (!acme) throw new Error('the fixture customer Acme Robotics is missing');
  const { customer } = resultData<{
    customer: { recentActivities: { id: string; kind: string; subject: string; source: string }[] };
  }>(await callProcedure(server, 'customers.context', { customerId: acme.id }, inject('token')));
  return customer.recentActivities.filter((a) => a.kind === 'email' && a.subject === subject);
}

let thread: GmailThreadContext;

beforeAll(async () => {
  thread = await fixtureThreadContext(suite.browser);
});

describe('the Gmail sidebar’s thread analysis, against the real backend with no model key', () => {
  it('reads the fixture thread’s senders, dates and texts in Chromium', () => {
    expect(thread.threadId).toBe('18f3a2b4c5d6e7f8');
    // With the offset of the zone this Chromium runs in, as Gmail writes times in the browser's zone.
    expect(thread.messages.map((m) => [m.from, m.fromName, m.sentAt])).toEqual([
      [
        'dana.reyes@acme-robotics.test',
        'Dana Reyes',
        expect.stringMatching(/^2026-04-21T09:12:00[+-]\d\d:\d\d$/),
      ],
      ['csm@cscx.localhost', 'Sam Carter', expect.stringMatching(/^2026-04-21T11:40:00[+-]\d\d:\d\d$/)],
    ]);
  });

  it('shows the analysis with the customer’s asks quoted from the thread, and the email on the timeline', async () => {
    const page = await openThreadInSidebar(suite.browser, thread);
    await page.getByRole('heading', { name: 'Acme Robotics', exact: true }).waitFor({ timeout: 20_000 });
    const card = await analysisShown(page);

    const asks = await card.getByRole('list', { name: 'Asks' }).locator('q').allTextContents();
    expect(asks).toContain('Can you send the updated terms by Friday?');
    const question = thread.messages[0]?.text ?? '';
    for (const quote of asks) expect(question).toContain(quote);
    expect(await card.locator('.answered-by').textContent()).toMatch(
      /^Analysed by the local analyser \(.+\)\. (Added to|Updated on) the timeline\.$/,
    );

    const timeline = page.getByRole('region', { name: 'Recent activity' });
    await timeline.getByText(subject).first().waitFor({ timeout: 10_000 });
    expect(await acmeEmails()).toEqual([expect.objectContaining({ source: 'gmail' })]);
    await screenshots(page, 'gmail-thread-analysis');
    await page.close();
  });

  it('adds no second entry when the thread is opened again', async () => {
    const page = await openThreadInSidebar(suite.browser, thread);
    const card = await analysisShown(page);
    expect(await card.locator('.answered-by').textContent()).toContain('On the timeline.');
    expect(await acmeEmails()).toHaveLength(1);
    await page.close();
  });

  it('counts the analysis in the settings page’s AI usage, for the admin', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(`chrome-extension://${suite.browser.extensionId}/options.html#/ai`);
    const form = page.getByRole('form', { name: 'AI provider' });
    await form.waitFor({ timeout: 20_000 });
    expect(await form.getByLabel('Provider').inputValue()).toBe('local');
    const byFeature = page.getByRole('table', { name: 'By feature' });
    const row = byFeature.getByRole('row', { name: /^Thread analysis/ });
    await row.waitFor({ timeout: 10_000 });
    const calls = Number((await row.getByRole('cell').first().textContent())?.replace(/,/g, ''));
    expect(calls).toBeGreaterThanOrEqual(1);
    await screenshots(page, 'settings-ai');
    await page.close();
  });
});
