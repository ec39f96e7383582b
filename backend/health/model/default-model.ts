import type { HealthModelInput } from '../../../shared/api/health.ts';

/**
 * What an org scores with until an admin or a calibration sets its own: usage and support say the most
 * about a SaaS account's health; renewal proximity is exposure more than health, so it weighs little.
 */
export const defaultHealthModel: HealthModelInput = {
  weights: {
    usage: 30,
    support: 15,
    surveys: 15,
    sentiment: 10,
    calls: 6,
    engagement: 10,
    stakeholders: 12,
    renewal: 2,
    billing: 5,
    tenure: 4,
  },
  thresholds: { healthy: 75, atRisk: 60 },
  dropAlertPoints: 10,
};
