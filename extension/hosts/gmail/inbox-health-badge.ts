import type { LabelDescriptor } from '@inboxsdk/core';
import type { HealthBand } from '../../../shared/api/health.ts';

/** The band's word and Gmail-label colours: pale backgrounds with dark text, readable in the list. */
const bandLabels: Record<HealthBand, { word: string; foregroundColor: string; backgroundColor: string }> = {
  healthy: { word: 'Healthy', foregroundColor: '#0b5a2a', backgroundColor: '#cfeedd' },
  watch: { word: 'Watch', foregroundColor: '#7a4100', backgroundColor: '#fde7c2' },
  at_risk: { word: 'At risk', foregroundColor: '#9c1208', backgroundColor: '#fbd3cf' },
};

/**
 * The badge of a row whose people belong to a customer: the band in colour and in words, never colour
 * alone, with the score. InboxSDK shows a label's title as its text and as Gmail's own tooltip
 * (`data-tooltip`), so the tooltip reads "At risk 38" too.
 */
export function healthLabel(health: { score: number; band: HealthBand }): LabelDescriptor {
  const { word, foregroundColor, backgroundColor } = bandLabels[health.band];
  return { title: `${word} ${Math.round(health.score)}`, foregroundColor, backgroundColor };
}
