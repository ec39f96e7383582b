import { describe, expect, it } from 'vitest';
import { analyseLocally, call } from './local-analysis.ts';

/** A Wednesday: "by Friday" is the 27th, five in the afternoon. */
const meetingDate = '2026-11-25T10:00:00+01:00';

/** The action items of a call in which the CSM, Jordan, answers the champion, Sam. */
async function actionItems(...lines: string[]) {
  const analysis = await analyseLocally({ transcript: call(...lines), meetingDate, competitors: [] });
  return analysis.actionItems.map(({ text, owner, due }) => ({ text, owner, due }));
}

describe('an explanation of how a thing is done is no action item', () => {
  it('takes interface steps for an explanation: press, click, go to, select, open, type', async () => {
    expect(
      await actionItems(
        'Sam: How do we get the usage numbers out?',
        'Jordan: You have to press the export button on the reports page.',
        'Jordan: Then you need to click the download icon and select CSV.',
        'Jordan: If you want it every week, you have to go to settings and open the schedules tab.',
        'Jordan: You just go to settings and type the address in the field.',
      ),
    ).toEqual([]);
  });

  it('takes a duty said of how things go for no request', async () => {
    expect(
      await actionItems(
        'Jordan: All you have to do is drag the file onto the page.',
        'Jordan: Sometimes you have to read the release notes first.',
        "Jordan: I don't think you have to sign a new form for that.",
        'Jordan: You need to have a lot more history for the forecast to be useful.',
      ),
    ).toEqual([]);
  });

  it('takes sharing a screen for a step on the call, and sending a deck after it for a task', async () => {
    expect(
      await actionItems(
        'Jordan: Let me share my screen.',
        "Jordan: I'll share my screen so you can see the dashboard.",
        "Jordan: I'll send you the deck after the call.",
      ),
    ).toEqual([{ text: "I'll send you the deck after the call.", owner: 'Jordan', due: null }]);
  });

  it('does not take "do you have to …?" for a request', async () => {
    expect(await actionItems('Jordan: Do you have to send the form to legal first?')).toEqual([]);
  });
});

describe('a request that the other side deliver something is one', () => {
  it('keeps a request with a deliverable and a deadline, owned by whoever accepts it', async () => {
    expect(
      await actionItems(
        'Jordan: You have to send us the signed order form by Friday.',
        'Sam: Sure, will do.',
      ),
    ).toEqual([
      {
        text: 'You have to send us the signed order form by Friday.',
        owner: 'Sam',
        due: '2026-11-27T17:00:00+01:00',
      },
    ]);
  });

  it('keeps a deliverable without a deadline, and a deadline without a deliverable verb', async () => {
    expect(
      await actionItems(
        'Jordan: You need to sign the updated data processing agreement.',
        'Jordan: You need to let us know which admins still need access.',
        'Jordan: You have to open a ticket with support before the end of the month.',
      ),
    ).toEqual([
      { text: 'You need to sign the updated data processing agreement.', owner: null, due: null },
      { text: 'You need to let us know which admins still need access.', owner: null, due: null },
      {
        text: 'You have to open a ticket with support before the end of the month.',
        owner: null,
        due: '2026-11-30T17:00:00+01:00',
      },
    ]);
  });

  it('keeps an interface step that someone is asked to take by a deadline', async () => {
    expect(await actionItems('Jordan: You need to click accept on the renewal quote by Friday.')).toEqual([
      {
        text: 'You need to click accept on the renewal quote by Friday.',
        owner: null,
        due: '2026-11-27T17:00:00+01:00',
      },
    ]);
  });
});
