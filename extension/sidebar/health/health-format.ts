import type { AlertCause, HealthBand, HealthComponent } from '../../../shared/api/health.ts';

/** A band in words: shown beside its colour everywhere, never the colour alone. */
export const bandWords: Record<HealthBand, string> = {
  healthy: 'Healthy',
  watch: 'Watch',
  at_risk: 'At risk',
};

export const componentWords: Record<HealthComponent, string> = {
  usage: 'Product usage',
  support: 'Support tickets',
  surveys: 'NPS and CSAT',
  sentiment: 'Email sentiment',
  calls: 'Call signals',
  engagement: 'Meetings and touches',
  stakeholders: 'Stakeholders',
  renewal: 'Renewal',
  billing: 'Billing',
  tenure: 'Relationship age',
};

export const alertCauseWords: Record<AlertCause, string> = {
  drop: 'Score dropped',
  at_risk: 'Fell into at risk',
  champion_left: 'Champion left',
  renewal_at_risk: 'Renewal at risk',
};

/** Whole points with their sign, the minus a real one: "+4", "−12", "0". */
export function signedPoints(points: number): string {
  const whole = Math.round(points);
  if (whole === 0) return '0';
  return whole > 0 ? `+${whole}` : `−${-whole}`;
}

/** "−14 in 7 days", or null when there is no score that far back. */
export function deltaPhrase(delta: number | null, days: number): string | null {
  return delta === null ? null : `${signedPoints(delta)} in ${days} days`;
}

export function shortDay(isoDate: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(isoDate),
  );
}
