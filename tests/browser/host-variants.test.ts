import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sidebarOf } from './support/chromium-with-extension.ts';
import { fixturePages } from './support/fixture-routes.ts';
import { signedInBrowserOnFixtures } from './support/signed-in-browser.ts';

const suite = signedInBrowserOnFixtures();

const open = (url: string) => suite.open(url);

function customerHeading(page: Page, name: string) {
  return sidebarOf(page).getByRole('heading', { name, exact: true });
}

async function showsCustomer(url: string, name: string): Promise<Page> {
  const page = await open(url);
  await customerHeading(page, name).waitFor({ timeout: 20_000 });
  return page;
}

describe('the built extension on other rebuilds of the host pages', () => {
  it('shows the customer of a full event page whose id is on its container, not of the guest suggestions', async () => {
    const page = await showsCustomer(fixturePages.calendarEventPageVariant.url, 'Initech');
    await expect(sidebarOf(page).getByText('Acme Robotics').count()).resolves.toBe(0);
    await page.close();
  });

  it('shows the customer of a German event page whose id is only in the URL', async () => {
    const page = await showsCustomer(fixturePages.calendarEventPageDe.url, 'Globex Industrial');
    await page.close();
  });

  it('shows the customer of a German popover and its guests by name, without role labels', async () => {
    const page = await showsCustomer(fixturePages.calendarPopoverDe.url, 'Acme Robotics');
    const people = sidebarOf(page).getByRole('region', { name: 'People here' });
    await expect(people.textContent()).resolves.toContain('Dana Reyes');
    await page.close();
  });

  it('shows the customer of a French popover whose id is only in its jslog', async () => {
    const page = await showsCustomer(fixturePages.calendarPopoverFr.url, 'Initech');
    await page.close();
  });

  it("stops showing the event's customer when the popover closes, and shows it again when it reopens", async () => {
    const page = await showsCustomer(fixturePages.calendarPopoverDe.url, 'Acme Robotics');
    // Calendar takes the dialog out of the page when it closes.
    const dialog = await page.evaluate(() => {
      const element = document.querySelector('[data-chips-dialog="true"]');
      const html = element?.outerHTML ?? '';
      element?.remove();
      return html;
    });
    await customerHeading(page, 'Acme Robotics').waitFor({ state: 'detached', timeout: 20_000 });
    await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), dialog);
    await customerHeading(page, 'Acme Robotics').waitFor({ timeout: 20_000 });
    await page.close();
  });

  it('shows the customer of a Zoom meeting page from its topic row, not the list named in the title', async () => {
    const page = await showsCustomer(fixturePages.zoomMeetingTopicRow.url, 'Initech');
    await page.close();
  });

  it('shows the customer of a German Zoom meeting page', async () => {
    const page = await showsCustomer(fixturePages.zoomMeetingDe.url, 'Globex Industrial');
    await page.close();
  });

  it('shows the customer of a Zoom web client with someone in the Waiting Room', async () => {
    const page = await showsCustomer(fixturePages.zoomWebClientWaitingRoom.url, 'Globex Industrial');
    await page.close();
  });

  it('shows the customer of a Zoom recording whose topic is only in the page data', async () => {
    const page = await showsCustomer(fixturePages.zoomRecordingPageData.url, 'Initech');
    await page.close();
  });
});
