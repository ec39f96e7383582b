import type { AlertCause } from '../../shared/api/health.ts';
import type { HealthResult } from './model/components.ts';
import type { HealthFeatures } from './model/features.ts';
import type { AlertFacts } from './schema.ts';
import type { AlertToRaise, PriorScore } from './score-writes.ts';

/** A renewal this close while at risk is an alert of its own. */
const renewalWindowDays = 60;

interface Condition {
  cause: AlertCause;
  facts: AlertFacts;
}

/** The alert conditions that hold for a new score, with what each alert's sentence is written from. */
export function alertConditions(
  result: HealthResult,
  features: HealthFeatures,
  prior: PriorScore | undefined,
  dropAlertPoints: number,
): Condition[] {
  const held: Condition[] = [];
  const peak = prior?.peak7 ?? null;
  if (peak !== null && peak - result.score >= dropAlertPoints)
    held.push({ cause: 'drop', facts: { from: round(peak), to: round(result.score), days: 7 } });
  if (result.band === 'at_risk') held.push({ cause: 'at_risk', facts: { score: round(result.score) } });
  const champion = features.stakeholders.championLeft;
  if (champion && !champion.replaced && result.drivers.some((d) => d.component === 'stakeholders'))
    held.push({ cause: 'champion_left', facts: { name: champion.name, on: champion.on } });
  const days = features.renewal.daysToRenewal;
  if (result.band === 'at_risk' && days !== null && days >= 0 && days < renewalWindowDays)
    held.push({
      cause: 'renewal_at_risk',
      facts: { daysToRenewal: days, renewalDate: features.renewal.renewalDate, score: round(result.score) },
    });
  return held;
}

/**
 * An alert is raised when its condition starts to hold (it did not at the score before), so an
 * acknowledged alert is not raised again while nothing changed; the table keeps one open per cause.
 */
export function alertsToRaise(
  result: HealthResult,
  conditions: Condition[],
  prior: PriorScore | undefined,
  customerId: string,
): AlertToRaise[] {
  const before = new Set(prior?.alert_conditions ?? []);
  return conditions
    .filter((c) => !before.has(c.cause))
    .map((c) => ({
      customerId,
      cause: c.cause,
      score: result.score,
      previousScore: prior?.current_score ?? null,
      band: result.band,
      drivers: result.drivers.filter((d) => d.contribution < 0),
      facts: c.facts,
    }));
}

const round = (value: number) => Math.round(value);
