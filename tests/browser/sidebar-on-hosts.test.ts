import { describe, expect, it } from 'vitest';
import { saveSidebarScreenshot, sidebarOf } from './support/chromium-with-extension.ts';
import { fixturePages } from './support/fixture-routes.ts';
import { signedInBrowserOnFixtures } from './support/signed-in-browser.ts';

const suite = signedInBrowserOnFixtures();

const open = (url: string) => suite.open(url);

async function customerHeading(page: Awaited<ReturnType<typeof open>>, name: string) {
  const heading = sidebarOf(page).getByRole('heading', { name, exact: true });
  await heading.waitFor({ timeout: 20_000 });
  return heading;
}

describe('the built extension on the host pages', () => {
  it('has the stable id its manifest key gives it', () => {
    expect(suite.browser.extensionId).toBe('klfcdoandklhhhinoncifhffmglnldke');
  });

  it('shows the customer of the Calendar event whose details are open', async () => {
    const page = await open(fixturePages.calendarAcme.url);
    await customerHeading(page, 'Acme Robotics');
    const sidebar = sidebarOf(page);
    await expect(sidebar.getByRole('region', { name: 'People here' }).textContent()).resolves.toContain(
      'Dana Reyes',
    );
    await saveSidebarScreenshot(page, 'calendar-sidebar');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveSidebarScreenshot(page, 'calendar-sidebar-dark');
    await page.close();
  });

  it('follows the popover when Calendar re-uses it for another event', async () => {
    const page = await open(fixturePages.calendarAcme.url);
    await customerHeading(page, 'Acme Robotics');
    await page.evaluate(() => {
      const dialog = document.getElementById('xDetDlg');
      if (!dialog) throw new Error('no popover');
      dialog.setAttribute('data-eventid', btoa('otherevent1 csm@cscx.localhost'));
      const heading = dialog.querySelector('[role="heading"]');
      if (heading) heading.textContent = 'Initech onboarding check-in';
      for (const guest of dialog.querySelectorAll('[data-hovercard-id$="@acme-robotics.test"]'))
        guest.setAttribute('data-hovercard-id', 'peter.gibbons@initech.test');
    });
    await customerHeading(page, 'Initech');
    await page.close();
  });

  it('shows the customer on the full event page', async () => {
    const page = await open(fixturePages.calendarEventPage.url);
    await customerHeading(page, 'Acme Robotics');
    await page.close();
  });

  it('shows the customer of a Zoom recording from its topic', async () => {
    const page = await open(fixturePages.zoomRecording.url);
    await customerHeading(page, 'Globex Industrial');
    await saveSidebarScreenshot(page, 'zoom-sidebar');
    await page.close();
  });

  it('shows the customer of a Zoom meeting page', async () => {
    const page = await open(fixturePages.zoomMeeting.url);
    await customerHeading(page, 'Initech');
    await page.close();
  });

  it('keeps two tabs with different events apart', async () => {
    const acme = await open(fixturePages.calendarAcme.url);
    const initech = await open(fixturePages.calendarInitech.url);
    await customerHeading(initech, 'Initech');
    await customerHeading(acme, 'Acme Robotics');
    await expect(
      sidebarOf(acme).getByRole('heading', { name: 'Initech', exact: true }).count(),
    ).resolves.toBe(0);
    await expect(
      sidebarOf(initech).getByRole('heading', { name: 'Acme Robotics', exact: true }).count(),
    ).resolves.toBe(0);
    await acme.close();
    await initech.close();
  });
});
