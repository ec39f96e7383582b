import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { SignalEventInput } from '../../shared/api/signals.ts';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import { saveSidebarScreenshot, sidebarOf } from './support/chromium-with-extension.ts';
import { fixturePages } from './support/fixture-routes.ts';
import { signedInBrowserOnFixtures } from './support/signed-in-browser.ts';

const suite = signedInBrowserOnFixtures();
const server = () => ({ url: inject('backendUrl') });
const day = 86_400_000;
const ticketSubject = 'Exports fail before the quarter close';

async function acmeId(): Promise<string> {
  const { items } = resultData<{ items: { id: string; name: string }[] }>(
    await callProcedure(server(), 'customers.list', { search: 'Acme Robotics', limit: 5 }, inject('token')),
  );
  const acme = items.find((c) => c.name === 'Acme Robotics');
  if (!acme) throw new Error('the fixture customer Acme Robotics is missing');
  return acme.id;
}

/** An urgent ticket of Acme's, open for five days: a risk the brief must cite. */
function urgentTicket(customerId: string): SignalEventInput[] {
  return [
    {
      eventId: 'brief-ticket-exports',
      customerId,
      kind: 'ticket',
      observedAt: new Date(Date.now() - 5 * day).toISOString(),
      ticket: { id: 'ACME-BRIEF-1', status: 'open', priority: 'urgent', subject: ticketSubject },
    },
  ];
}

beforeAll(async () => {
  const recorded = resultData<{ rejected: unknown[] }>(
    await callProcedure(
      server(),
      'signals.record',
      { events: urgentTicket(await acmeId()) },
      inject('token'),
    ),
  );
  expect(recorded.rejected).toEqual([]);
}, 60_000);

describe('the Brief tab on a Calendar event, against the real backend', () => {
  it('shows the Acme event’s brief, and a risk’s link opens its ticket in the Customer tab’s timeline', async () => {
    const page = await suite.open(fixturePages.calendarAcme.url);
    const sidebar = sidebarOf(page);
    await sidebar.getByRole('heading', { name: 'Acme Robotics', exact: true }).waitFor({ timeout: 20_000 });
    await sidebar.getByRole('tab', { name: 'Brief' }).click();
    const brief = sidebar.getByRole('tabpanel', { name: 'Brief' });
    const risks = brief.getByRole('region', { name: 'Risks' });
    await risks.waitFor({ timeout: 20_000 });

    const attendees = brief.getByRole('region', { name: 'Attendees' });
    await expect(attendees.locator('.attendee-name').allTextContents()).resolves.toContain('Dana Reyes');
    await expect(attendees.getByText('Champion').count()).resolves.toBe(1);
    await expect(
      brief
        .getByRole('region', { name: 'Account' })
        .getByText(/\$84,000 ARR/)
        .count(),
    ).resolves.toBe(1);
    await expect(
      brief.getByRole('region', { name: 'Suggested agenda' }).locator('li').count(),
    ).resolves.toBeGreaterThan(1);
    const ticketRisk = risks.locator('li', { hasText: `Open urgent ticket: ${ticketSubject}` });
    await expect(ticketRisk.count()).resolves.toBe(1);
    await saveSidebarScreenshot(page, 'calendar-brief');
    await brief.getByRole('region', { name: 'Suggested agenda' }).scrollIntoViewIfNeeded();
    await saveSidebarScreenshot(page, 'calendar-brief-agenda');

    await ticketRisk.locator('button.source').click();
    await expect
      .poll(() => sidebar.getByRole('tab', { name: 'Customer' }).getAttribute('aria-selected'))
      .toBe('true');
    const timeline = sidebar
      .getByRole('tabpanel', { name: 'Customer' })
      .getByRole('region', { name: 'Recent activity' });
    const opened = timeline.locator('li[aria-current="true"]');
    await opened.waitFor({ timeout: 10_000 });
    await expect(opened.locator('.subject').textContent()).resolves.toBe(ticketSubject);
    await expect(opened.isVisible()).resolves.toBe(true);
    await page.close();
  });
});
