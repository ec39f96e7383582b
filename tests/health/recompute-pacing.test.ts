import { describe, expect, it } from 'vitest';
import { nextSliceCount, recomputeBatchTargetMs } from '../../backend/health/recompute.ts';

describe('sizing the org recompute’s batches', () => {
  it('halves a batch that took twice the target, so the next request waits about the target', () => {
    expect(nextSliceCount(10, recomputeBatchTargetMs * 2)).toBe(5);
  });

  it('grows a quick batch at most twofold, up to 20 slices', () => {
    expect(nextSliceCount(4, 1)).toBe(8);
    expect(nextSliceCount(16, recomputeBatchTargetMs / 4)).toBe(20);
  });

  it('never goes below one slice however slow the machine', () => {
    expect(nextSliceCount(1, 10_000)).toBe(1);
  });
});
