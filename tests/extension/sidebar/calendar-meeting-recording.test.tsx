import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { me, renderSidebar } from '../support/render-sidebar.tsx';
import { aCalendarEvent, aCustomerContext, aMatch, aZoomRecording } from '../support/sidebar-builders.ts';

const acme = aCustomerContext({ name: 'Acme Robotics' });

/** A timed occurrence of a weekly event with a Zoom link, as the Calendar adapter reads it. */
const weeklyQbr = aCalendarEvent({
  eventId: 'qbr7series_20260426T210000Z',
  title: 'Acme Robotics QBR',
  start: '2026-04-26T14:00:00-07:00',
  conference: { provider: 'zoom', id: '81234567890', url: 'https://acme.zoom.us/j/81234567890' },
});

const recordings = (backend: { calls: { path: string; input: unknown }[] }) =>
  backend.calls.filter((c) => c.path === 'meetings.recordFromCalendar');

describe('recording a Calendar event on the customer’s timeline', () => {
  it('records the event once its customer shows, under its event id, with its Zoom meeting id and guests', async () => {
    const { backend } = renderSidebar({
      context: weeklyQbr,
      procedures: {
        'customers.context': () => aMatch(acme),
        'meetings.recordFromCalendar': () => ({ outcome: 'recorded' }),
      },
    });
    expect(await screen.findByRole('heading', { name: 'Acme Robotics' })).toBeTruthy();
    await waitFor(() => expect(recordings(backend)).toHaveLength(1));
    expect(recordings(backend)[0]?.input).toEqual({
      customerId: acme.id,
      eventId: 'qbr7series_20260426T210000Z',
      title: 'Acme Robotics QBR',
      start: '2026-04-26T14:00:00-07:00',
      conferenceId: '81234567890',
      attendees: [
        { email: 'csm@cscx.localhost', name: 'Sam Carter', organizer: false },
        { email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes', organizer: false },
      ],
      attendeesPartial: false,
    });
  });

  it('says the guests sent are only some of them when the page cut its list short', async () => {
    const { backend } = renderSidebar({
      context: { ...weeklyQbr, guestListShortened: true },
      procedures: {
        'customers.context': () => aMatch(acme),
        'meetings.recordFromCalendar': () => ({ outcome: 'recorded' }),
      },
    });
    await waitFor(() => expect(recordings(backend)).toHaveLength(1));
    expect(recordings(backend)[0]?.input).toMatchObject({ attendeesPartial: true });
  });

  it('sends the people the page lists once each, by lower-cased address, without groups or guests shown with no address', async () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ email: `guest${i}@acme-robotics.test`, name: '' }));
    const { backend } = renderSidebar({
      context: {
        ...weeklyQbr,
        attendees: [
          { email: 'csm@cscx.localhost', name: ' Sam Carter ', organizer: true },
          { email: 'Dana.Reyes@Acme-Robotics.test', name: 'Dana Reyes' },
          { email: 'dana.reyes@acme-robotics.test', name: 'Dana' },
          { email: 'it-ops@acme-robotics.test', name: 'IT Ops', group: true },
          { email: null, name: 'Someone by phone' },
          ...many,
        ],
      },
      procedures: {
        'customers.context': () => aMatch(acme),
        'meetings.recordFromCalendar': () => ({ outcome: 'recorded' }),
      },
    });
    await waitFor(() => expect(recordings(backend)).toHaveLength(1));
    const [recorded] = recordings(backend) as { input: { attendees: { email: string }[] } }[];
    const sent = recorded?.input.attendees ?? [];
    expect(sent.slice(0, 3)).toEqual([
      { email: 'csm@cscx.localhost', name: 'Sam Carter', organizer: true },
      { email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes', organizer: false },
      { email: 'guest0@acme-robotics.test', name: '', organizer: false },
    ]);
    // The server takes 200 at most: more would refuse the whole event. The rest are not dropped there.
    expect(sent).toHaveLength(200);
    expect(recorded).toMatchObject({ input: { attendeesPartial: true } });
    expect(sent.some((g) => g.email.startsWith('it-ops'))).toBe(false);
  });

  it('records nothing for a viewer, when the org turned it off, for an all-day event, or without a customer', async () => {
    const setups = [
      {
        me: { ...me, user: { ...me.user, role: 'viewer' as const } },
        context: weeklyQbr,
        match: aMatch(acme),
      },
      {
        me: { ...me, org: { ...me.org, recordCalendarMeetings: false } },
        context: weeklyQbr,
        match: aMatch(acme),
      },
      { me, context: { ...weeklyQbr, start: '2026-04-26', end: null }, match: aMatch(acme) },
      { me, context: weeklyQbr, match: { candidates: [], customer: null, unmatchedEmails: [] } },
    ];
    for (const setup of setups) {
      const { backend, unmount } = renderSidebar({
        context: setup.context,
        procedures: {
          'auth.me': () => setup.me,
          'customers.context': () => setup.match,
          'meetings.recordFromCalendar': () => ({ outcome: 'recorded' }),
        },
      });
      await waitFor(() => expect(backend.calls.some((c) => c.path === 'customers.context')).toBe(true));
      await screen.findByRole('heading', {
        name: setup.match.customer ? 'Acme Robotics' : 'Not a customer yet',
      });
      // Long enough for the batched request the first test sees go out.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(recordings(backend)).toEqual([]);
      unmount();
    }
  });

  it('looks a Zoom meeting up by its meeting number and start as well, in the same call', async () => {
    const { backend } = renderSidebar({
      host: 'zoom',
      context: aZoomRecording({ meetingId: '81234567890', startTime: '2026-04-26T21:02:00Z' }),
      procedures: { 'customers.context': () => aMatch(acme) },
    });
    expect(await screen.findByRole('heading', { name: 'Acme Robotics' })).toBeTruthy();
    expect(backend.calls.find((c) => c.path === 'customers.context')?.input).toMatchObject({
      meetingId: '81234567890',
      at: '2026-04-26T21:02:00Z',
    });
  });
});
