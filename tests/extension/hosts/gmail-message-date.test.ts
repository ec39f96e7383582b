import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmailSentAt } from '../../../extension/hosts/gmail/message-date.ts';

const zoneBefore = process.env.TZ;
const inZone = (zone: string) => {
  process.env.TZ = zone;
};
beforeAll(() => inZone('America/Los_Angeles'));
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe('reading the date Gmail shows on a message', () => {
  it('reads US English, with the offset of the browser’s zone that day (summer and winter)', () => {
    expect(gmailSentAt('Tue, Apr 21, 2026, 9:12 AM')).toBe('2026-04-21T09:12:00-07:00');
    expect(gmailSentAt('Mon, Jan 5, 2026, 11:40 PM')).toBe('2026-01-05T23:40:00-08:00');
  });

  it('reads noon and midnight the 12-hour clock’s way', () => {
    expect(gmailSentAt('Tue, Apr 21, 2026, 12:05 PM')).toBe('2026-04-21T12:05:00-07:00');
    expect(gmailSentAt('Tue, Apr 21, 2026, 12:05 AM')).toBe('2026-04-21T00:05:00-07:00');
  });

  it('reads the no-break spaces newer Gmail puts before AM/PM, the "at" of older pages, UK order and full month names', () => {
    expect(gmailSentAt('Tue, Apr 21, 2026, 9:12\u202fAM')).toBe('2026-04-21T09:12:00-07:00');
    expect(gmailSentAt('Tue, Apr 21, 2026 at 9:12\u00a0AM')).toBe('2026-04-21T09:12:00-07:00');
    expect(gmailSentAt('Tue, 21 Apr 2026, 21:12')).toBe('2026-04-21T21:12:00-07:00');
    expect(gmailSentAt('Tuesday, 21 September 2026, 08:00')).toBe('2026-09-21T08:00:00-07:00');
    expect(gmailSentAt('21 Sept 2026, 08:00')).toBe('2026-09-21T08:00:00-07:00');
  });

  it('writes the offset of whatever zone the browser is in', () => {
    inZone('Asia/Kolkata');
    try {
      expect(gmailSentAt('Tue, Apr 21, 2026, 9:12 AM')).toBe('2026-04-21T09:12:00+05:30');
    } finally {
      inZone('America/Los_Angeles');
    }
  });

  it('gives null rather than a guess for other languages, a missing time, or a day that does not exist', () => {
    expect(gmailSentAt('Di., 21. Apr. 2026, 09:12')).toBeNull();
    expect(gmailSentAt('mar. 21 avr. 2026, 09:12')).toBeNull();
    expect(gmailSentAt('Apr 21')).toBeNull();
    expect(gmailSentAt('Tue, Apr 21, 2026')).toBeNull();
    expect(gmailSentAt('Mon, Feb 30, 2026, 9:12 AM')).toBeNull();
    expect(gmailSentAt('Tue, Apr 21, 2026, 13:12 PM')).toBeNull();
    expect(gmailSentAt('')).toBeNull();
  });
});
