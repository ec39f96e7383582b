import { describe, expect, it } from 'vitest';
import { defaultModels, estimateCostUsd } from '../../backend/ai/prices.ts';

const million = { inputTokens: 1_000_000, outputTokens: 1_000_000 };

describe('the cost estimate', () => {
  it('charges nothing for the local provider', () => {
    expect(estimateCostUsd('local', defaultModels.local, million)).toBe(0);
  });

  it('prices input and output tokens at the model’s list price', () => {
    expect(
      estimateCostUsd('anthropic', 'claude-sonnet-4-5', { inputTokens: 2_000, outputTokens: 500 }),
    ).toBeCloseTo((2_000 * 3 + 500 * 15) / 1_000_000, 12);
    expect(estimateCostUsd('gemini', 'gemini-2.5-flash', million)).toBeCloseTo(0.3 + 2.5, 12);
  });

  it('gives a dated snapshot its family’s price, the most specific family winning', () => {
    expect(estimateCostUsd('anthropic', 'claude-haiku-4-5-20251001', million)).toBeCloseTo(1 + 5, 12);
    expect(estimateCostUsd('gemini', 'gemini-2.5-flash-lite-preview', million)).toBeCloseTo(0.1 + 0.4, 12);
  });

  it('prices a model it does not know as the provider’s default model', () => {
    const unknown = estimateCostUsd('gemini', 'gemini-9-ultra', million);
    expect(unknown).toBe(estimateCostUsd('gemini', defaultModels.gemini, million));
    expect(unknown).toBeGreaterThan(0);
  });
});
