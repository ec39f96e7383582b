import { describe, expect, it } from 'vitest';
import { RetryLater, retryDelayFor } from '../../backend/jobs/retry-later.ts';

const noJitter = () => 0;

describe('the delay before a failed job runs again', () => {
  it('is the backoff for an ordinary failure: half of 10 s, doubling with each attempt, without jitter', () => {
    expect(retryDelayFor(new Error('boom'), 1, noJitter)).toBe(5_000);
    expect(retryDelayFor(new Error('boom'), 3, noJitter)).toBe(20_000);
  });

  it('waits out a vendor’s Retry-After that is longer than the backoff', () => {
    expect(retryDelayFor(new RetryLater('Google 429', 120_000), 1, noJitter)).toBe(120_000);
  });

  it('keeps the backoff when the vendor asked for less, so a retry storm still spreads out', () => {
    expect(retryDelayFor(new RetryLater('Slack: rate limited', 1_000), 3, noJitter)).toBe(20_000);
  });
});
