import {
  type BandThresholds,
  type DriverEvidence,
  type DriverFacts,
  type DriverSeverity,
  type HealthBand,
  type HealthComponent,
  type HealthDriver,
  type HealthWeights,
  healthComponents,
} from '../../../shared/api/health.ts';
import type {
  BillingFeatures,
  CallFeatures,
  EngagementFeatures,
  HealthFeatures,
  RelationshipFeatures,
  RenewalFeatures,
  SentimentFeatures,
  StakeholderFeatures,
  SupportFeatures,
  SurveyFeatures,
  UsageFeatures,
} from './features.ts';

/**
 * One component's reading of its features: a 0–100 score and the numbers behind it. Null when the
 * customer has none of the component's data. The formulas are documented in docs/health.md.
 */
export interface ComponentScore {
  score: number;
  facts: DriverFacts;
  /** A condition a CSM must see whatever the score (a champion gone, billing failed). */
  critical?: boolean;
  evidence?: DriverEvidence;
}

const clamp = (value: number, low = 0, high = 100) => Math.min(high, Math.max(low, value));
const round1 = (value: number) => Math.round(value * 10) / 10;

/** Relative change, or null when there is nothing to compare with. */
function change(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before <= 0) return null;
  return (now - before) / before;
}

/** 50 when steady; a 40 % fall gives ≈ 12, a 40 % rise ≈ 88 (tanh keeps huge swings inside 0–100). */
const trendScore = (relative: number) => 50 + 50 * Math.tanh(2.5 * relative);

/** Weighted mean of the parts that exist. */
function blend(parts: [number | null, number][]): number | null {
  let sum = 0;
  let weight = 0;
  for (const [value, w] of parts) {
    if (value === null) continue;
    sum += value * w;
    weight += w;
  }
  return weight === 0 ? null : sum / weight;
}

const pct = (relative: number | null) => (relative === null ? null : Math.round(relative * 100));

export function usageComponent(u: UsageFeatures): ComponentScore | null {
  const users = change(u.activeUsers30d, u.activeUsersPrev30d);
  const logins = change(u.logins30d, u.loginsPrev30d);
  // The worse of the two trends: a fall in either is what a CSM needs to hear about.
  const trend = users === null && logins === null ? null : Math.min(users ?? Infinity, logins ?? Infinity);
  const utilization = u.activeUsers30d !== null && u.seats ? u.activeUsers30d / u.seats : null;
  const level = utilization === null ? null : 100 * Math.min(1, utilization / 0.8);
  const adoption = u.adoption30d === null ? null : 100 * Math.min(1, u.adoption30d / 0.6);
  const score = blend([
    [trend === null ? null : trendScore(trend), 0.5],
    [level, 0.3],
    [adoption, 0.2],
  ]);
  if (score === null) return null;
  return {
    score: clamp(score),
    facts: {
      activeUsers: u.activeUsers30d === null ? null : round1(u.activeUsers30d),
      activeUsersBefore: u.activeUsersPrev30d === null ? null : round1(u.activeUsersPrev30d),
      activeUsersChangePct: pct(users),
      loginsChangePct: pct(logins),
      seats: u.seats,
      utilizationPct: utilization === null ? null : Math.round(utilization * 100),
      adoptionPct: u.adoption30d === null ? null : Math.round(u.adoption30d * 100),
      period: u.activeUsersPeriod,
    },
  };
}

/** Below the neutral 50, so a driver with an urgent ticket open always counts against the score. */
const urgentCeiling = 40;

export function supportComponent(s: SupportFeatures): ComponentScore | null {
  const open = s.openUrgent + s.openHigh + s.openOther;
  if (open === 0 && s.opened365d === 0) return null;
  const agePenalty = s.oldestOpenDays === null ? 0 : 15 * Math.min(1, Math.max(0, s.oldestOpenDays - 7) / 30);
  const surge = 3 * Math.max(0, s.opened30d - 2);
  const penalty = 15 * s.openUrgent + 8 * s.openHigh + 3 * s.openOther + agePenalty + surge;
  // An open urgent ticket is bad news however good the rest is: it never reads as a plus.
  const ceiling = s.openUrgent > 0 ? urgentCeiling - agePenalty : 100;
  return {
    score: clamp(Math.min(100 - penalty, ceiling)),
    facts: {
      openUrgent: s.openUrgent,
      openHigh: s.openHigh,
      openOther: s.openOther,
      oldestOpenDays: s.oldestOpenDays,
      oldestUrgentOpenDays: s.oldestUrgentOpenDays,
      opened30d: s.opened30d,
    },
    ...(s.worstOpenTicketId ? { evidence: { kind: 'activity', id: s.worstOpenTicketId } as const } : {}),
  };
}

export function surveysComponent(s: SurveyFeatures): ComponentScore | null {
  // The latest answer counts as much as the quarter's mean: a fresh detractor is news.
  const nps = s.npsMean90d === null ? null : 10 * (0.5 * (s.npsLatest ?? s.npsMean90d) + 0.5 * s.npsMean90d);
  const csat = s.csatMean90d === null ? null : (100 * (s.csatMean90d - 1)) / 4;
  const score = blend([
    [nps, 0.7],
    [csat, 0.3],
  ]);
  if (score === null) return null;
  return {
    score: clamp(score),
    facts: {
      npsLatest: s.npsLatest,
      npsMean: s.npsMean90d === null ? null : round1(s.npsMean90d),
      npsAnswers: s.npsCount90d,
      csatMean: s.csatMean90d === null ? null : round1(s.csatMean90d),
      csatAnswers: s.csatCount90d,
    },
  };
}

export function sentimentComponent(s: SentimentFeatures): ComponentScore | null {
  if (s.mean90d === null || s.count90d === 0) return null;
  const shift = s.mean30d !== null && s.meanPrev30d !== null ? s.mean30d - s.meanPrev30d : null;
  return {
    score: clamp(50 + 50 * s.mean90d + 25 * (shift ?? 0)),
    facts: {
      mean: Math.round(s.mean90d * 100) / 100,
      threads: s.count90d,
      shift: shift === null ? null : Math.round(shift * 100) / 100,
    },
    ...(s.worstThreadId ? { evidence: { kind: 'activity', id: s.worstThreadId } as const } : {}),
  };
}

export function callsComponent(c: CallFeatures): ComponentScore | null {
  if (c.signals90d === 0) return null;
  return {
    score: clamp(60 + 8 * c.expansion90d - 10 * c.risk90d - 12 * c.competitor90d),
    facts: {
      risk: c.risk90d,
      expansion: c.expansion90d,
      competitor: c.competitor90d,
      competitorName: c.competitorName,
    },
  };
}

export function engagementComponent(e: EngagementFeatures): ComponentScore | null {
  const days = [e.daysSinceLastMeeting, e.daysSinceLastEmail].filter((d): d is number => d !== null);
  if (days.length === 0) return null;
  const lastTouch = Math.max(0, Math.min(...days));
  // Full marks within two weeks, none after three months; three meetings a quarter is a full cadence.
  const recency = 100 * clamp(1 - (lastTouch - 14) / 76, 0, 1);
  const cadence = Math.min(100, (100 * e.meetings90d) / 3);
  return {
    score: clamp(0.6 * recency + 0.4 * cadence),
    facts: {
      daysSinceLastTouch: lastTouch,
      daysSinceLastMeeting: e.daysSinceLastMeeting,
      meetings90d: e.meetings90d,
      emails90d: e.emails90d,
    },
  };
}

export function stakeholdersComponent(s: StakeholderFeatures): ComponentScore | null {
  const known = s.championContacts > 0 || s.sponsorContacts > 0;
  if (!known && !s.championLeft && !s.sponsorLeft) return null;
  const championGone = s.championLeft !== null && !s.championLeft.replaced;
  const sponsorGone = s.sponsorLeft !== null && !s.sponsorLeft.replaced;
  let score = 90;
  if (championGone) score -= 75;
  if (sponsorGone) score -= 55;
  if (s.championLeft?.replaced) score -= 25;
  if (s.sponsorLeft?.replaced) score -= 15;
  const departure = championGone ? s.championLeft : sponsorGone ? s.sponsorLeft : null;
  return {
    score: clamp(score),
    critical: championGone || sponsorGone,
    facts: {
      championLeft: s.championLeft?.name ?? (s.championLeft ? '' : null),
      championLeftOn: s.championLeft?.on ?? null,
      championReplaced: s.championLeft?.replaced ?? null,
      sponsorLeft: s.sponsorLeft?.name ?? (s.sponsorLeft ? '' : null),
      sponsorLeftOn: s.sponsorLeft?.on ?? null,
      sponsorReplaced: s.sponsorLeft?.replaced ?? null,
      champions: s.championContacts,
      sponsors: s.sponsorContacts,
    },
    ...(departure ? { evidence: { kind: 'signal', id: departure.signalId } as const } : {}),
  };
}

export function renewalComponent(r: RenewalFeatures, term: RelationshipFeatures): ComponentScore | null {
  if (r.daysToRenewal === null) return null;
  const d = r.daysToRenewal;
  // Exposure, not health: a renewal far away carries little risk, one days away (or missed) much…
  const proximity = d < 0 ? 20 : 30 + 60 * Math.min(1, d / 180);
  // …and a customer committed for two years is less exposed than one who can leave every month.
  const commitment = term.currentTermDays === null ? null : 100 * Math.min(1, term.currentTermDays / 730);
  const score = blend([
    [proximity, 0.4],
    [commitment, 0.6],
  ]);
  return {
    score: clamp(score ?? proximity),
    facts: {
      daysToRenewal: d,
      renewalDate: r.renewalDate,
      termMonths: term.currentTermDays === null ? null : Math.round(term.currentTermDays / daysPerMonth),
    },
  };
}

const daysPerMonth = 365.25 / 12;

/**
 * How long the customer has been one: new customers leave far more often than old ones, and the
 * first year matters most (logarithmic, full marks at four years).
 */
export function tenureComponent(r: RelationshipFeatures): ComponentScore | null {
  if (r.daysSinceFirstContract === null) return null;
  const months = Math.max(0, r.daysSinceFirstContract) / daysPerMonth;
  return {
    score: clamp((100 * Math.log1p(months)) / Math.log1p(48)),
    facts: { months: Math.floor(months), days: r.daysSinceFirstContract },
  };
}

const manualPaymentCeiling = 80;

export function billingComponent(b: BillingFeatures): ComponentScore | null {
  if (b.status === null) return null;
  const late = b.daysPastDue ?? 0;
  const byStatus = { current: 100 - 2 * late, overdue: 70 - 1.5 * late, failed: 15, cancelled: 0 };
  // Paying each invoice by hand makes every invoice a decision to stay; autopay makes staying the default.
  const ceiling = b.autopay === false ? manualPaymentCeiling : 100;
  const score = clamp(Math.min(byStatus[b.status], ceiling), b.status === 'overdue' ? 10 : 0);
  return {
    score,
    critical: b.status === 'failed' || b.status === 'cancelled',
    facts: { status: b.status, daysPastDue: late, autopay: b.autopay },
  };
}

export const componentScorers: {
  [K in HealthComponent]: (features: HealthFeatures) => ComponentScore | null;
} = {
  usage: (f) => usageComponent(f.usage),
  support: (f) => supportComponent(f.support),
  surveys: (f) => surveysComponent(f.surveys),
  sentiment: (f) => sentimentComponent(f.sentiment),
  calls: (f) => callsComponent(f.calls),
  engagement: (f) => engagementComponent(f.engagement),
  stakeholders: (f) => stakeholdersComponent(f.stakeholders),
  renewal: (f) => renewalComponent(f.renewal, f.relationship),
  billing: (f) => billingComponent(f.billing),
  tenure: (f) => tenureComponent(f.relationship),
};

/** What scoring needs of a model version. */
export interface ScoringModel {
  version: number;
  weights: HealthWeights;
  thresholds: BandThresholds;
}

/** A driver as stored: numbers only; the sentence is written when it is read. */
export type StoredDriver = Omit<HealthDriver, 'sentence'>;

export interface HealthResult {
  score: number;
  band: HealthBand;
  /** Share of the model's weight whose component had data. */
  confidence: number;
  /** Biggest effect first. */
  drivers: StoredDriver[];
  modelVersion: number;
}

export function bandOf(score: number, thresholds: BandThresholds): HealthBand {
  if (score >= thresholds.healthy) return 'healthy';
  return score < thresholds.atRisk ? 'at_risk' : 'watch';
}

function severityOf(component: ComponentScore): DriverSeverity {
  if (component.critical || component.score < 20) return 'critical';
  if (component.score < 45) return 'negative';
  return component.score > 70 ? 'positive' : 'neutral';
}

/**
 * The weighted mean of the components that have data (their weights re-normalised to sum to 1),
 * written as 50 plus each driver's signed contribution. No data at all gives null: no score is made up.
 */
export function scoreHealth(features: HealthFeatures, model: ScoringModel): HealthResult | null {
  const present: { component: HealthComponent; result: ComponentScore; weight: number }[] = [];
  let totalWeight = 0;
  for (const component of healthComponents) {
    const weight = model.weights[component];
    totalWeight += weight;
    if (weight <= 0) continue;
    const result = componentScorers[component](features);
    if (result) present.push({ component, result, weight });
  }
  const presentWeight = present.reduce((sum, p) => sum + p.weight, 0);
  if (presentWeight === 0) return null;
  const drivers = present.map(({ component, result, weight }): StoredDriver => {
    const share = weight / presentWeight;
    const score = round2(result.score);
    return {
      component,
      score,
      weight: round4(share),
      contribution: round2(share * (result.score - 50)),
      severity: severityOf(result),
      facts: result.facts,
      ...(result.evidence ? { evidence: result.evidence } : {}),
    };
  });
  drivers.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const score = round2(clamp(present.reduce((s, p) => s + (p.weight / presentWeight) * p.result.score, 0)));
  return {
    score,
    band: bandOf(score, model.thresholds),
    confidence: round4(presentWeight / totalWeight),
    drivers,
    modelVersion: model.version,
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
