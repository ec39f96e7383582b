import { describe, expect, it } from 'vitest';
import { analyseLocally, call } from './local-analysis.ts';

/** Calls on fixed days, an hour east of UTC, each at 10:00 unless the name says otherwise. */
const wednesday = '2026-11-25T10:00:00+01:00';
const wednesdayAfternoon = '2026-11-25T16:00:00+01:00';
const friday = '2026-11-27T10:00:00+01:00';
const sunday = '2026-11-29T10:00:00+01:00';
const monday = '2026-11-23T10:00:00+01:00';

/** The due date of the one action item Jordan takes on in a call held at `meetingDate`. */
async function dueOf(promise: string, meetingDate: string): Promise<string | null | undefined> {
  const { actionItems } = await analyseLocally({
    transcript: call(`Jordan: ${promise}`),
    meetingDate,
    competitors: [],
  });
  expect(actionItems).toHaveLength(1);
  return actionItems[0]?.due;
}

describe('a weekday said on that same weekday', () => {
  it('is a week later: "by Wednesday" said on a Wednesday, morning or afternoon', async () => {
    const promise = 'I will send you the signed order form by Wednesday.';
    expect(await dueOf(promise, wednesday)).toBe('2026-12-02T17:00:00+01:00');
    expect(await dueOf(promise, wednesdayAfternoon)).toBe('2026-12-02T17:00:00+01:00');
    expect(await dueOf('I will send you the pricing sheet on Friday.', friday)).toBe(
      '2026-12-04T17:00:00+01:00',
    );
  });

  it('is today when it names a time still ahead that day', async () => {
    expect(await dueOf('I will call your finance team Wednesday at 3.', wednesday)).toBe(
      '2026-11-25T15:00:00+01:00',
    );
    expect(await dueOf('I will send you the recap by Wednesday afternoon.', wednesday)).toBe(
      '2026-11-25T15:00:00+01:00',
    );
    expect(await dueOf('I will send you the recap by end of day Wednesday.', wednesday)).toBe(
      '2026-11-25T17:00:00+01:00',
    );
  });

  it('is next week when the time it names has passed: "Wednesday at 9" said at 10', async () => {
    expect(await dueOf('I will call your finance team Wednesday at 9.', wednesday)).toBe(
      '2026-12-02T09:00:00+01:00',
    );
  });

  it('is today when said as today, this afternoon, end of day or "this Wednesday"', async () => {
    expect(await dueOf('I will send you the recap today.', wednesday)).toBe('2026-11-25T17:00:00+01:00');
    expect(await dueOf('I will send you the recap this afternoon.', wednesday)).toBe(
      '2026-11-25T15:00:00+01:00',
    );
    expect(await dueOf('I will send you the recap by end of day.', wednesday)).toBe(
      '2026-11-25T17:00:00+01:00',
    );
    expect(await dueOf('I will send you the recap this Wednesday.', wednesday)).toBe(
      '2026-11-25T17:00:00+01:00',
    );
  });
});

describe('other weekday forms', () => {
  it('reads "next Monday" said on a Sunday as tomorrow, the Monday of the week that starts then', async () => {
    expect(await dueOf('I will send you the revised quote next Monday.', sunday)).toBe(
      '2026-11-30T17:00:00+01:00',
    );
  });

  it('reads "next Wednesday" said on a Wednesday as a week later, and "by Friday" as this Friday', async () => {
    expect(await dueOf('I will send you the revised quote next Wednesday.', wednesday)).toBe(
      '2026-12-02T17:00:00+01:00',
    );
    expect(await dueOf('I will send you the revised quote by Friday.', wednesday)).toBe(
      '2026-11-27T17:00:00+01:00',
    );
  });

  it('takes a weekday said with "end of day" as that day, and "end of day" alone as the day of the call', async () => {
    expect(await dueOf('I will send you the recap by end of day Wednesday.', monday)).toBe(
      '2026-11-25T17:00:00+01:00',
    );
    expect(await dueOf('I will send you the recap by end of day, before we meet on Wednesday.', monday)).toBe(
      '2026-11-23T17:00:00+01:00',
    );
  });

  it('reads "by the end of the day" as a deadline and "at the end of the day" as "in the end"', async () => {
    expect(await dueOf('I will send you the recap by the end of the day.', wednesday)).toBe(
      '2026-11-25T17:00:00+01:00',
    );
    expect(
      await dueOf('At the end of the day, I will send you whatever pricing finance approves.', wednesday),
    ).toBeNull();
  });

  it('reads "at 2" said at 10 as this afternoon', async () => {
    expect(await dueOf('I will call your finance team at 2.', wednesday)).toBe('2026-11-25T14:00:00+01:00');
  });

  it('gives no due date for a day already past, and takes the deadline beside it', async () => {
    expect(await dueOf('I will send you the notes from last Wednesday.', wednesday)).toBeNull();
    expect(await dueOf('I will send you the notes from last Wednesday by Friday.', wednesday)).toBe(
      '2026-11-27T17:00:00+01:00',
    );
  });
});

describe("the call's own date is the reference", () => {
  it('counts from a call years from the clock, in its own offset', async () => {
    // 2031-03-05 is a Wednesday; at 23:30 in New York it is already Thursday in UTC.
    expect(
      await dueOf('I will send you the signed order form by Wednesday.', '2031-03-05T23:30:00-05:00'),
    ).toBe('2031-03-12T17:00:00-05:00');
    expect(
      await dueOf('I will send you the signed order form by Thursday.', '2031-03-05T23:30:00-05:00'),
    ).toBe('2031-03-06T17:00:00-05:00');
  });
});
