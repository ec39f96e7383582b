import { z } from 'zod';
import { id, isoDate, isoDateTime, page } from './common.ts';

/** The parts a health score is made of, in the order they are shown. */
export const healthComponents = [
  'usage',
  'support',
  'surveys',
  'sentiment',
  'calls',
  'engagement',
  'stakeholders',
  'renewal',
  'billing',
  'tenure',
] as const;
export type HealthComponent = (typeof healthComponents)[number];

export const healthBands = ['healthy', 'watch', 'at_risk'] as const;
export type HealthBand = (typeof healthBands)[number];

export const driverSeverities = ['critical', 'negative', 'neutral', 'positive'] as const;
export type DriverSeverity = (typeof driverSeverities)[number];

/** The numbers (and the few names and dates) a driver's sentence is written from. */
export const driverFacts = z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]));
export type DriverFacts = z.infer<typeof driverFacts>;

/** Where a driver's evidence can be opened: a timeline entry or a stored signal. */
export const driverEvidence = z.object({ kind: z.enum(['activity', 'signal']), id });
export type DriverEvidence = z.infer<typeof driverEvidence>;

/**
 * One component's part in a score. `weight` is the component's share after missing components were
 * left out (the present weights sum to 1). `contribution` is signed points against a neutral 50:
 * `weight × (score − 50)`, so the drivers' contributions plus 50 give the score.
 */
export const healthDriver = z.object({
  component: z.enum(healthComponents),
  score: z.number().min(0).max(100),
  weight: z.number().min(0).max(1),
  contribution: z.number(),
  severity: z.enum(driverSeverities),
  facts: driverFacts,
  evidence: driverEvidence.optional(),
  /** Written when read, from `facts`: "Active users down 38 % in 30 days". */
  sentence: z.string(),
});
export type HealthDriver = z.infer<typeof healthDriver>;

export const healthWeights = z
  .object(
    Object.fromEntries(healthComponents.map((c) => [c, z.number().min(0).max(100)])) as {
      [K in HealthComponent]: z.ZodNumber;
    },
  )
  .refine((w) => Object.values(w).some((v) => v > 0), 'at least one weight must be above 0');
export type HealthWeights = z.infer<typeof healthWeights>;

/** A score of `healthy` or more is healthy; below `atRisk` it is at risk; between, watch. */
export const bandThresholds = z
  .object({ healthy: z.number().min(1).max(100), atRisk: z.number().min(0).max(99) })
  .refine((t) => t.atRisk < t.healthy, 'the at-risk threshold must be below the healthy one');
export type BandThresholds = z.infer<typeof bandThresholds>;

export const modelSources = ['default', 'admin', 'calibrated'] as const;
export type ModelSource = (typeof modelSources)[number];

export const healthModelInput = z.object({
  weights: healthWeights,
  thresholds: bandThresholds,
  /** A fall of at least this many points within 7 days raises a `drop` alert. */
  dropAlertPoints: z.number().int().min(1).max(100),
});
export type HealthModelInput = z.infer<typeof healthModelInput>;

export const healthModel = z.object({
  version: z.number().int().min(1),
  weights: healthWeights,
  thresholds: bandThresholds,
  dropAlertPoints: z.number().int(),
  source: z.enum(modelSources),
  createdBy: id.nullable(),
  createdAt: isoDateTime,
});
export type HealthModel = z.infer<typeof healthModel>;

export const alertCauses = ['drop', 'at_risk', 'champion_left', 'renewal_at_risk'] as const;
export type AlertCause = (typeof alertCauses)[number];

export const alertStatuses = ['open', 'acknowledged'] as const;

export const healthAlert = z.object({
  id,
  customerId: id,
  customerName: z.string(),
  cause: z.enum(alertCauses),
  status: z.enum(alertStatuses),
  /** Why, in plain words ("Score fell 14 points in 7 days (72 → 58)"). */
  sentence: z.string(),
  score: z.number(),
  previousScore: z.number().nullable(),
  band: z.enum(healthBands),
  /** The drivers as they were when the alert was raised, worst first. */
  drivers: z.array(healthDriver),
  createdAt: isoDateTime,
  acknowledgedBy: id.nullable(),
  acknowledgedAt: isoDateTime.nullable(),
});
export type HealthAlert = z.infer<typeof healthAlert>;

export const healthDeltas = z.object({
  d7: z.number().nullable(),
  d30: z.number().nullable(),
  d90: z.number().nullable(),
});

export const healthForCustomerInput = z.object({ customerId: id });

export const healthScore = z.object({
  customerId: id,
  customerName: z.string(),
  score: z.number().min(0).max(100),
  band: z.enum(healthBands),
  /** Share (0–1) of the model's weight whose data was present. */
  confidence: z.number().min(0).max(1),
  componentsPresent: z.number().int(),
  componentsTotal: z.number().int(),
  deltas: healthDeltas,
  /** Biggest effect first (by |contribution|). */
  drivers: z.array(healthDriver),
  /** One point per day, oldest first, up to 90 days. */
  history: z.array(z.object({ day: isoDate, score: z.number() })),
  openAlerts: z.array(healthAlert),
  modelVersion: z.number().int(),
  computedAt: isoDateTime,
});
export type HealthScore = z.infer<typeof healthScore>;

/** Null when the customer has no score yet (never recomputed, or no data at all). */
export const healthForCustomerOutput = healthScore.nullable();

export const healthForThreadsInput = z.object({
  rows: z
    .array(
      z.object({
        /** The caller's own key for the row (Gmail's thread id): returned as given. */
        key: z.string().min(1).max(200),
        addresses: z.array(z.string().trim().toLowerCase().max(320)).max(50),
      }),
    )
    .max(100),
});
export type HealthForThreadsInput = z.infer<typeof healthForThreadsInput>;

export const threadHealth = z.object({
  key: z.string(),
  health: z
    .object({
      customerId: id,
      customerName: z.string(),
      score: z.number(),
      band: z.enum(healthBands),
    })
    .nullable(),
});
export const healthForThreadsOutput = z.object({ rows: z.array(threadHealth) });
export type HealthForThreadsOutput = z.infer<typeof healthForThreadsOutput>;

export const healthBookInput = z.object({
  band: z.enum(healthBands).optional(),
  ownerId: id.optional(),
  /** Only customers whose renewal falls within this many days from today (past renewals excluded). */
  renewalWithinDays: z.number().int().min(0).max(3650).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type HealthBookInput = z.infer<typeof healthBookInput>;

export const bookEntry = z.object({
  customerId: id,
  customerName: z.string(),
  ownerId: id.nullable(),
  arrMinor: z.number().int(),
  currency: z.string(),
  renewalDate: isoDate.nullable(),
  score: z.number(),
  band: z.enum(healthBands),
  confidence: z.number(),
  deltas: healthDeltas,
  /** The most negative driver's sentence, or null when nothing pulls the score down. */
  topConcern: z.string().nullable(),
  openAlerts: z.number().int(),
});
export type BookEntry = z.infer<typeof bookEntry>;
export const healthBookOutput = page(bookEntry);

export const healthAlertsInput = z.object({
  status: z.enum(alertStatuses).optional(),
  customerId: id.optional(),
  /** Only the alerts of customers this member owns (the Inbox's "mine"). */
  ownerId: id.optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export type HealthAlertsInput = z.input<typeof healthAlertsInput>;
export const healthAlertsOutput = z.object({ items: z.array(healthAlert) });

export const acknowledgeAlertInput = z.object({ alertId: id });

export const healthRecomputeOutput = z.object({
  jobId: id,
  /** False when a recompute of the org was already waiting: its id is returned. */
  enqueued: z.boolean(),
});

export const customerOutcomes = ['churned', 'renewed'] as const;
export type CustomerOutcome = (typeof customerOutcomes)[number];

export const recordOutcomeInput = z.object({
  customerId: id,
  outcome: z.enum(customerOutcomes),
  at: isoDate,
});
export type RecordOutcomeInput = z.infer<typeof recordOutcomeInput>;

export const outcomeOutput = z.object({
  id,
  customerId: id,
  outcome: z.enum(customerOutcomes),
  at: isoDate,
  source: z.string(),
});
