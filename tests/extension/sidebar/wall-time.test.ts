import { describe, expect, it } from 'vitest';
import { instantOf, wallTimeOf } from '../../../extension/sidebar/inbox/wall-time.ts';

describe('wall-clock times in a zone', () => {
  it('shows an instant as the minute it falls on in the zone, either side of a clock change', () => {
    expect(wallTimeOf('2026-12-03T15:00:00.000Z', 'America/New_York')).toBe('2026-12-03T10:00');
    expect(wallTimeOf('2026-07-03T15:00:00.000Z', 'America/New_York')).toBe('2026-07-03T11:00');
    expect(wallTimeOf('2026-12-03T23:30:00.000Z', 'Asia/Kolkata')).toBe('2026-12-04T05:00');
    expect(wallTimeOf('2026-12-03T15:00:59.999Z', 'UTC')).toBe('2026-12-03T15:00');
  });

  it('reads a typed time back as the instant it names there', () => {
    expect(instantOf('2026-12-03T10:00', 'America/New_York')).toBe('2026-12-03T15:00:00.000Z');
    expect(instantOf('2026-07-03T11:00', 'America/New_York')).toBe('2026-07-03T15:00:00.000Z');
    expect(instantOf('2026-12-04T05:00', 'Asia/Kolkata')).toBe('2026-12-03T23:30:00.000Z');
    for (const wall of ['2026-01-31T00:00', '2026-06-15T13:45', '2026-12-31T23:59'])
      for (const zone of ['Europe/London', 'Australia/Adelaide', 'Pacific/Honolulu'])
        expect(wallTimeOf(instantOf(wall, zone) as string, zone)).toBe(wall);
  });

  it('takes a time the clocks skip as that much later, and a time they pass twice as its first', () => {
    // London springs from 01:00 to 02:00 on 29 March 2026: 01:30 is 02:30 summer time.
    expect(instantOf('2026-03-29T01:30', 'Europe/London')).toBe('2026-03-29T01:30:00.000Z');
    expect(wallTimeOf('2026-03-29T01:30:00.000Z', 'Europe/London')).toBe('2026-03-29T02:30');
    // New York falls back from 02:00 to 01:00 on 1 November 2026: 01:30 comes first in daylight time.
    expect(instantOf('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('refuses what is not a date and a time', () => {
    for (const wall of [
      '',
      '2026-12-03',
      '2026-02-30T10:00',
      '2026-12-03T24:00',
      '2026-12-03T10:60',
      'tomorrow',
    ])
      expect(instantOf(wall, 'Europe/London')).toBeNull();
  });
});
