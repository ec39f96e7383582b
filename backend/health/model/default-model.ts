import type { HealthModelInput } from '../../../shared/api/health.ts';

/**
 * What an org scores with until an admin or a calibration sets its own: usage and support say the most
 * about a SaaS account's health; renewal proximity is exposure more than health, so it weighs little.
 */
export const defaultHealthModel: HealthModelInput = {
  weights: {
    usage: 25,
    support: 15,
    surveys: 12,
    sentiment: 10,
    calls: 8,
    engagement: 12,
    stakeholders: 10,
    renewal: 3,
    billing: 5,
  },
  thresholds: { healthy: 70, atRisk: 45 },
  dropAlertPoints: 10,
};
