import { describe, expect, it } from 'vitest';
import { guestsOf } from '../../backend/calendar-sync/meeting-guests.ts';

describe('the guests kept of a Calendar event', () => {
  it('lists each address once, lower-cased, without rooms, with its answer and display name', () => {
    expect(
      guestsOf({
        organizer: { email: 'dana@acme.example' },
        attendees: [
          {
            email: 'Dana@Acme.example',
            displayName: ' Dana Whitfield ',
            organizer: true,
            responseStatus: 'accepted',
          },
          { email: 'dana@acme.example', responseStatus: 'declined' },
          { email: 'lee@acme.example', responseStatus: 'tentative' },
          { email: 'room-4@resource.calendar.google.com', displayName: 'Room 4', resource: true },
          { email: 'no-address', responseStatus: 'accepted' },
          { email: 'sam@acme.example', responseStatus: 'maybe-later' },
        ],
      }),
    ).toEqual([
      { email: 'dana@acme.example', name: 'Dana Whitfield', response: 'accepted', organiser: true },
      { email: 'lee@acme.example', name: '', response: 'tentative', organiser: false },
      // An answer Google does not write is none yet.
      { email: 'sam@acme.example', name: '', response: 'needsAction', organiser: false },
    ]);
  });

  it('adds the organiser, whom Google leaves out of the guests when they invited no one else', () => {
    expect(guestsOf({ organizer: { email: 'Casey@Team.example', displayName: 'Casey' } })).toEqual([
      { email: 'casey@team.example', name: 'Casey', response: 'accepted', organiser: true },
    ]);
  });

  it('marks a listed organiser as such even when Google did not flag the guest', () => {
    const [organiser] = guestsOf({
      organizer: { email: 'dana@acme.example' },
      attendees: [{ email: 'dana@acme.example', responseStatus: 'accepted' }],
    });
    expect(organiser).toMatchObject({ email: 'dana@acme.example', organiser: true });
  });
});
