import type {
  BookEntry,
  HealthAlert,
  HealthDriver,
  HealthModel,
  HealthScore,
} from '../../../shared/api/health.ts';
import type { HealthCalibration } from '../../../shared/api/health-calibration.ts';

let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${String(5000 + ++seq).padStart(12, '0')}`;

export const acmeId = '00000000-0000-4000-8000-00000000ac01';

export function aDriver(overrides: Partial<HealthDriver> = {}): HealthDriver {
  return {
    component: 'usage',
    score: 22,
    weight: 0.3,
    contribution: -8.4,
    severity: 'negative',
    facts: { activeUsersChangePct: -38 },
    sentence: 'Weekly active users down 38 % in 30 days',
    ...overrides,
  };
}

export function anAlert(overrides: Partial<HealthAlert> = {}): HealthAlert {
  return {
    id: uuid(),
    customerId: acmeId,
    customerName: 'Acme Robotics',
    cause: 'drop',
    status: 'open',
    sentence: 'Score fell 14 points in 7 days (72 → 58)',
    score: 58,
    previousScore: 72,
    band: 'watch',
    drivers: [aDriver()],
    createdAt: '2026-04-20T08:00:00.000Z',
    acknowledgedBy: null,
    acknowledgedAt: null,
    ...overrides,
  };
}

/** 90 days falling from 72 to 38, one point a day ending on 2026-04-21. */
function fallingHistory(): HealthScore['history'] {
  return Array.from({ length: 90 }, (_, i) => ({
    day: new Date(Date.UTC(2026, 3, 21) - (89 - i) * 86_400_000).toISOString().slice(0, 10),
    score: Math.round(72 - (34 * i) / 89),
  }));
}

export function aHealthScore(overrides: Partial<HealthScore> = {}): HealthScore {
  return {
    customerId: acmeId,
    customerName: 'Acme Robotics',
    score: 38.2,
    band: 'at_risk',
    confidence: 0.74,
    componentsPresent: 6,
    componentsTotal: 9,
    deltas: { d7: -14, d30: -21.6, d90: -34 },
    drivers: [
      aDriver(),
      aDriver({
        component: 'support',
        score: 15,
        weight: 0.2,
        contribution: -7,
        severity: 'critical',
        sentence: '2 urgent tickets open for 9 days',
      }),
      aDriver({
        component: 'surveys',
        score: 80,
        weight: 0.1,
        contribution: 3,
        severity: 'positive',
        sentence: 'NPS 9 from Dana Reyes on 2 Apr',
      }),
      aDriver({ component: 'billing', score: 50.4, weight: 0.05, contribution: 0.02, severity: 'neutral' }),
    ],
    history: fallingHistory(),
    openAlerts: [],
    modelVersion: 1,
    computedAt: '2026-04-21T06:00:00.000Z',
    ...overrides,
  };
}

export function aHealthModel(overrides: Partial<HealthModel> = {}): HealthModel {
  return {
    version: 1,
    weights: {
      usage: 25,
      support: 15,
      surveys: 10,
      sentiment: 10,
      calls: 5,
      engagement: 10,
      stakeholders: 10,
      renewal: 10,
      billing: 5,
      tenure: 0,
    },
    thresholds: { healthy: 70, atRisk: 45 },
    dropAlertPoints: 10,
    source: 'default',
    createdBy: null,
    createdAt: '2026-04-01T00:00:00.000Z',
    ...overrides,
  };
}

export function aBookEntry(overrides: Partial<BookEntry> = {}): BookEntry {
  return {
    customerId: uuid(),
    customerName: 'Acme Robotics',
    ownerId: null,
    arrMinor: 8_400_000,
    currency: 'USD',
    renewalDate: '2026-06-01',
    score: 38,
    band: 'at_risk',
    confidence: 0.7,
    deltas: { d7: -14, d30: -20, d90: null },
    topConcern: 'Weekly active users down 38 % in 30 days',
    openAlerts: 1,
    ...overrides,
  };
}

/** A calibration of version 1 on 120 customers with an outcome, 40 of them held out, not adopted yet. */
export function aCalibration(overrides: Partial<HealthCalibration> = {}): HealthCalibration {
  return {
    id: uuid(),
    createdAt: '2026-04-21T07:00:00.000Z',
    baseVersion: 1,
    trainingCustomers: 80,
    heldOutCustomers: 40,
    before: { rocAuc: 0.712, prAuc: 0.48, brier: 0.191 },
    after: { rocAuc: 0.781, prAuc: 0.566, brier: 0.162 },
    fittedWeights: { ...aHealthModel().weights, usage: 40, surveys: 0 },
    fitted: true,
    adoptedVersion: null,
    adoptedAt: null,
    ...overrides,
  };
}
