import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import { sidebarOf } from './support/chromium-with-extension.ts';
import { fixturePages } from './support/fixture-routes.ts';
import { fixturesDir } from './support/paths.ts';
import { signedInBrowserOnFixtures } from './support/signed-in-browser.ts';

/** A Zoom meeting page for the meeting number of the Initech event's Zoom invitation; its topic names nobody. */
const zoomMeetingOfTheEvent = {
  url: 'https://us05web.zoom.us/meeting/81234567890',
  file: 'zoom/meeting-from-calendar.html',
};

const suite = signedInBrowserOnFixtures();

async function initechTimeline() {
  const server = { url: inject('backendUrl') };
  const found = resultData<{ items: { id: string; name: string }[] }>(
    await callProcedure(server, 'customers.list', { search: 'Initech', limit: 5 }, inject('token')),
  );
  const initech = found.items.find((c) => c.name === 'Initech');
  if (!initech) throw new Error('the fixture customer Initech is missing');
  const timeline = resultData<{ items: { id: string; kind: string; subject: string; source: string }[] }>(
    await callProcedure(server, 'customers.timeline', { customerId: initech.id }, inject('token')),
  );
  return timeline.items;
}

/** The call of the recorded event, pasted through the API: its speakers are guests the Calendar page listed. */
async function pasteTranscriptOf(activityId: string) {
  const pasted = await callProcedure(
    { url: inject('backendUrl') },
    'meetings.importTranscript',
    {
      activityId,
      format: 'plain',
      text: [
        'Peter Gibbons: The TPS reports still go out twice.',
        'Joanna Lumbergh: We would like fewer pieces of flair on the dashboard.',
        'Sam Carter: I will send the new report layout by Friday.',
      ].join('\n'),
    },
    inject('token'),
  );
  resultData(pasted);
}

describe('a Zoom page found through its Calendar event', () => {
  it('records the Calendar event the sidebar shows with its guests, then shows its customer and its call’s speakers matched to them on the Zoom page of that meeting', async () => {
    const calendar = await suite.browser.context.newPage();
    await calendar.goto(fixturePages.calendarEventPageVariant.url);
    await sidebarOf(calendar)
      .getByRole('heading', { name: 'Initech', exact: true })
      .waitFor({ timeout: 20_000 });
    await expect.poll(initechTimeline, { timeout: 10_000 }).toContainEqual(
      expect.objectContaining({
        kind: 'meeting',
        subject: 'Initech onboarding check-in',
        source: 'google_calendar',
      }),
    );
    await calendar.close();
    const meeting = (await initechTimeline()).find((a) => a.subject === 'Initech onboarding check-in');
    await pasteTranscriptOf(meeting?.id ?? '');

    const zoom = await suite.browser.context.newPage();
    await zoom.route(zoomMeetingOfTheEvent.url, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: readFileSync(path.join(fixturesDir, zoomMeetingOfTheEvent.file), 'utf8'),
      }),
    );
    await zoom.goto(zoomMeetingOfTheEvent.url);
    const sidebar = sidebarOf(zoom);
    await sidebar.getByRole('heading', { name: 'Initech', exact: true }).waitFor({ timeout: 20_000 });
    await expect(
      sidebar.getByText("Its Calendar event 'Initech onboarding check-in' is this meeting").count(),
    ).resolves.toBe(1);

    // Neither guest is a contact of Initech's: the page's guest list is all that knows their addresses.
    await sidebar.getByRole('tab', { name: 'Call' }).click();
    const speakers = sidebar
      .getByRole('tabpanel', { name: 'Call' })
      .getByRole('region', { name: 'Speakers' });
    await expect
      .poll(() => speakers.getByRole('note', { name: 'How Peter Gibbons was matched' }).textContent(), {
        timeout: 20_000,
      })
      .toBe('peter.gibbons@initech.test · calendar guest');
    await expect(
      speakers.getByRole('note', { name: 'How Joanna Lumbergh was matched' }).textContent(),
    ).resolves.toBe('joanna.lumbergh@initech.test · calendar guest');
    await zoom.close();
  });
});
