import { describe, expect, it } from 'vitest';
import {
  billingComponent,
  callsComponent,
  engagementComponent,
  renewalComponent,
  scoreHealth,
  sentimentComponent,
  stakeholdersComponent,
  supportComponent,
  surveysComponent,
  tenureComponent,
  usageComponent,
} from '../../backend/health/model/components.ts';
import { defaultHealthModel } from '../../backend/health/model/default-model.ts';
import { emptyFeatures, type HealthFeatures } from '../../backend/health/model/features.ts';
import { driverSentence, withSentences } from '../../backend/health/model/sentences.ts';

const model = { version: 1, ...defaultHealthModel };
const empty = () => emptyFeatures('c1', '2026-10-20');
const usage = (over: Partial<HealthFeatures['usage']>) => ({ ...empty().usage, ...over });
const support = (over: Partial<HealthFeatures['support']>) => ({ ...empty().support, ...over });

describe('usage', () => {
  it('is missing without usage data', () => {
    expect(usageComponent(empty().usage)).toBeNull();
  });

  it('scores a 40 % fall in logins below a low but steady level', () => {
    const falling = usageComponent(
      usage({ activeUsers30d: 60, activeUsersPrev30d: 60, logins30d: 300, loginsPrev30d: 500, seats: 100 }),
    );
    const steadyLow = usageComponent(
      usage({ activeUsers30d: 20, activeUsersPrev30d: 20, logins30d: 100, loginsPrev30d: 100, seats: 100 }),
    );
    expect(falling?.score).toBeLessThan(steadyLow?.score ?? 0);
    expect(driverSentence({ component: 'usage', facts: falling?.facts ?? {} })).toBe(
      'Logins down 40 % in 30 days',
    );
  });

  it('stays within 0–100 for huge swings and zero seats', () => {
    const boom = usageComponent(usage({ activeUsers30d: 1e9, activeUsersPrev30d: 1, seats: 0 }));
    const bust = usageComponent(usage({ activeUsers30d: 0, activeUsersPrev30d: 1e9, seats: 10 }));
    expect(boom?.score).toBeLessThanOrEqual(100);
    expect(bust?.score).toBeGreaterThanOrEqual(0);
    expect(bust?.score).toBeLessThan(5);
  });

  it('does not invent a trend from a zero baseline', () => {
    const fromZero = usageComponent(usage({ activeUsers30d: 10, activeUsersPrev30d: 0, seats: 10 }));
    expect(fromZero?.facts.activeUsersChangePct).toBeNull();
    expect(fromZero?.score).toBe(100);
  });
});

describe('support', () => {
  it('is missing for a customer with no tickets in a year', () => {
    expect(supportComponent(empty().support)).toBeNull();
  });

  it('falls with urgent tickets and their age, never below 0', () => {
    const calm = supportComponent(support({ opened365d: 4 }));
    const fresh = supportComponent(
      support({ openUrgent: 1, oldestOpenDays: 1, oldestUrgentOpenDays: 1, opened365d: 5 }),
    );
    const old = supportComponent(
      support({ openUrgent: 1, oldestOpenDays: 40, oldestUrgentOpenDays: 40, opened365d: 5 }),
    );
    const flood = supportComponent(
      support({ openUrgent: 50, oldestOpenDays: 400, opened30d: 80, opened365d: 90 }),
    );
    expect(calm?.score).toBe(100);
    expect(old?.score).toBeLessThan(fresh?.score ?? 0);
    expect(flood?.score).toBe(0);
    expect(driverSentence({ component: 'support', facts: old?.facts ?? {} })).toBe(
      '1 urgent ticket open for 40 days',
    );
  });
});

describe('surveys, sentiment, calls', () => {
  it('reads NPS 0 and 10 at the ends of the scale, CSAT beside it', () => {
    const s = empty().surveys;
    expect(surveysComponent({ ...s, npsLatest: 0, npsMean90d: 0, npsCount90d: 1 })?.score).toBe(0);
    expect(surveysComponent({ ...s, npsLatest: 10, npsMean90d: 10, npsCount90d: 1 })?.score).toBe(100);
    expect(surveysComponent({ ...s, csatMean90d: 5, csatCount90d: 2 })?.score).toBe(100);
    expect(surveysComponent(s)).toBeNull();
  });

  it('lowers sentiment that is getting worse below the same mean held steady', () => {
    const base = { ...empty().sentiment, mean90d: -0.1, count90d: 6 };
    const worsening = sentimentComponent({ ...base, mean30d: -0.5, meanPrev30d: 0.3 });
    const steady = sentimentComponent({ ...base, mean30d: -0.1, meanPrev30d: -0.1 });
    expect(worsening?.score).toBeLessThan(steady?.score ?? 0);
    expect(sentimentComponent(empty().sentiment)).toBeNull();
  });

  it('counts risk and competitor mentions against, expansion for', () => {
    const c = empty().calls;
    const risky = callsComponent({
      ...c,
      risk90d: 2,
      competitor90d: 1,
      signals90d: 3,
      competitorName: 'Globex',
    });
    const growing = callsComponent({ ...c, expansion90d: 3, signals90d: 3 });
    expect(risky?.score).toBeLessThan(50);
    expect(growing?.score).toBeGreaterThan(80);
    expect(driverSentence({ component: 'calls', facts: risky?.facts ?? {} })).toBe(
      '2 risk mentions, 1 competitor mention (Globex) on calls in 90 days',
    );
    expect(callsComponent(c)).toBeNull();
  });
});

describe('engagement, stakeholders, renewal, billing', () => {
  it('scores a touch this week above one three months ago', () => {
    const e = empty().engagement;
    const recent = engagementComponent({ ...e, daysSinceLastMeeting: 3, meetings90d: 3 });
    const stale = engagementComponent({ ...e, daysSinceLastEmail: 95 });
    expect(recent?.score).toBe(100);
    expect(stale?.score).toBe(0);
    expect(engagementComponent(e)).toBeNull();
  });

  it('makes a departed champion critical unless a new one joined', () => {
    const left = { name: 'Jane Doe', on: '2026-10-03', replaced: false, signalId: 's1' };
    const gone = stakeholdersComponent({ ...empty().stakeholders, championLeft: left });
    const replaced = stakeholdersComponent({
      ...empty().stakeholders,
      championLeft: { ...left, replaced: true },
    });
    expect(gone?.critical).toBe(true);
    expect(gone?.evidence).toEqual({ kind: 'signal', id: 's1' });
    expect(replaced?.score).toBeGreaterThan(gone?.score ?? 100);
    expect(driverSentence({ component: 'stakeholders', facts: gone?.facts ?? {} })).toBe(
      'Champion Jane Doe left on 3 Oct',
    );
    expect(stakeholdersComponent(empty().stakeholders)).toBeNull();
  });

  it('scores a renewal days away or missed as exposure, one far away as little', () => {
    const noTerm = { daysSinceFirstContract: null, currentTermDays: null };
    const r = (daysToRenewal: number) =>
      renewalComponent({ daysToRenewal, renewalDate: '2027-01-01' }, noTerm)?.score;
    expect(r(-5)).toBe(20);
    expect(r(0)).toBe(30);
    expect(r(365)).toBe(90);
    expect(renewalComponent({ daysToRenewal: null, renewalDate: null }, noTerm)).toBeNull();
  });

  it('counts a long commitment as less exposure than a monthly plan renewing as soon', () => {
    const renewingIn = (days: number, termDays: number) =>
      renewalComponent(
        { daysToRenewal: days, renewalDate: '2027-01-01' },
        { daysSinceFirstContract: 400, currentTermDays: termDays },
      );
    const monthly = renewingIn(20, 30);
    const twoYears = renewingIn(20, 730);
    expect(twoYears?.score).toBeGreaterThan((monthly?.score ?? 100) + 40);
    expect(twoYears?.score).toBeLessThanOrEqual(100);
    expect(driverSentence({ component: 'renewal', facts: monthly?.facts ?? {} })).toMatch(/monthly plan$/);
    expect(driverSentence({ component: 'renewal', facts: renewingIn(20, 365)?.facts ?? {} })).toMatch(
      /on a 12-month term$/,
    );
  });

  it('scores new customers low and old ones high on relationship age, steepest in the first year', () => {
    const t = (days: number | null) =>
      tenureComponent({ daysSinceFirstContract: days, currentTermDays: null })?.score;
    expect(t(null)).toBeUndefined();
    expect(t(0)).toBe(0);
    expect(t(4 * 365.25)).toBeCloseTo(100, 5);
    expect(t(10 * 365)).toBe(100);
    expect((t(365) ?? 0) - (t(0) ?? 0)).toBeGreaterThan((t(3 * 365) ?? 0) - (t(2 * 365) ?? 0));
    const facts = tenureComponent({ daysSinceFirstContract: 100, currentTermDays: null })?.facts ?? {};
    expect(driverSentence({ component: 'tenure', facts })).toBe('Customer for 3 months');
    const old = tenureComponent({ daysSinceFirstContract: 1000, currentTermDays: null })?.facts ?? {};
    expect(driverSentence({ component: 'tenure', facts: old })).toBe('Customer for 2 years');
  });

  it('never shows an open urgent ticket as a plus, however quiet the rest of support is', () => {
    const urgent = supportComponent({
      ...empty().support,
      openUrgent: 2,
      oldestUrgentOpenDays: 9,
      opened365d: 2,
    });
    expect(urgent?.score).toBeLessThan(50);
    const features = empty();
    features.support = {
      ...features.support,
      openUrgent: 2,
      oldestOpenDays: 9,
      oldestUrgentOpenDays: 9,
      opened365d: 2,
    };
    const support = scoreHealth(features, model)?.drivers.find((d) => d.component === 'support');
    expect(support?.contribution).toBeLessThan(0);
  });

  it('scores failed billing critical and late invoices by their age', () => {
    expect(billingComponent({ status: 'failed', daysPastDue: 0, autopay: null })?.critical).toBe(true);
    expect(billingComponent({ status: 'overdue', daysPastDue: 45, autopay: null })?.score).toBeLessThan(
      billingComponent({ status: 'overdue', daysPastDue: 5, autopay: null })?.score ?? 0,
    );
    expect(billingComponent({ status: 'overdue', daysPastDue: 10_000, autopay: null })?.score).toBe(10);
    expect(billingComponent({ status: null, daysPastDue: null, autopay: null })).toBeNull();
  });

  it('scores a current account paid by hand below one on autopay, and says so', () => {
    const byHand = billingComponent({ status: 'current', daysPastDue: 0, autopay: false });
    const auto = billingComponent({ status: 'current', daysPastDue: 0, autopay: true });
    expect(auto?.score).toBe(100);
    expect(byHand?.score).toBeLessThan(auto?.score ?? 0);
    expect(byHand?.score).toBeGreaterThan(50);
    expect(driverSentence({ component: 'billing', facts: byHand?.facts ?? {} })).toMatch(/no autopay/);
    expect(billingComponent({ status: 'failed', daysPastDue: 0, autopay: false })?.score).toBe(15);
  });
});

describe('scoreHealth', () => {
  it('gives no score when nothing is known', () => {
    expect(scoreHealth(empty(), model)).toBeNull();
  });

  it('re-weights missing components and lowers the confidence, never inventing a value', () => {
    const onlyUsage = {
      ...empty(),
      usage: usage({ activeUsers30d: 50, activeUsersPrev30d: 50, seats: 100 }),
    };
    const result = scoreHealth(onlyUsage, model);
    expect(result?.drivers.map((d) => d.component)).toEqual(['usage']);
    expect(result?.drivers[0]?.weight).toBe(1);
    expect(result?.score).toBe(result?.drivers[0]?.score);
    const allWeight = Object.values(model.weights).reduce((sum, w) => sum + w, 0);
    expect(result?.confidence).toBeCloseTo(model.weights.usage / allWeight, 4);
  });

  it('writes the score as 50 plus the drivers’ contributions, biggest first', () => {
    const features: HealthFeatures = {
      ...empty(),
      usage: usage({ activeUsers30d: 40, activeUsersPrev30d: 80, seats: 100 }),
      support: support({ openUrgent: 2, oldestOpenDays: 9, oldestUrgentOpenDays: 9, opened365d: 3 }),
      renewal: { daysToRenewal: 300, renewalDate: '2027-08-16' },
    };
    const result = scoreHealth(features, model);
    const sum = result?.drivers.reduce((s, d) => s + d.contribution, 50) ?? 0;
    expect(sum).toBeCloseTo(result?.score ?? 0, 1);
    const magnitudes = result?.drivers.map((d) => Math.abs(d.contribution)) ?? [];
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
    expect(withSentences(result?.drivers ?? []).map((d) => d.sentence)).toContain(
      '2 urgent tickets open for 9 days',
    );
  });

  it('bands by the model’s thresholds', () => {
    const features = { ...empty(), renewal: { daysToRenewal: -1, renewalDate: '2026-10-19' } };
    expect(scoreHealth(features, model)?.band).toBe('at_risk');
    const lenient = { ...model, thresholds: { healthy: 30, atRisk: 10 } };
    expect(scoreHealth(features, lenient)?.band).toBe('watch');
  });
});
