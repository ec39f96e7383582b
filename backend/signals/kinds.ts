import type { SignalKind, SignalPeriod } from '../../shared/enums.ts';
import type { SignalDetail } from './schema.ts';

type DetailKey = keyof SignalDetail;

/** What one kind of signal may carry: shared/enums.ts documents what its value means. */
interface KindRule {
  /** The first is taken when the event names none, unless the kind is measured over a day or a week. */
  periods: readonly SignalPeriod[];
  min: number;
  max: number;
  wholeNumber: boolean;
  /** Taken when the event has no value (a stakeholder change is always 1). */
  defaultValue?: number;
  detail: readonly DetailKey[];
  requiredDetail?: readonly DetailKey[];
}

const measured = ['day', 'week'] as const;
const moment = ['instant'] as const;
const count = { min: 0, max: Number.POSITIVE_INFINITY, wholeNumber: true };
const stakeholder: KindRule = {
  periods: moment,
  min: 1,
  max: 1,
  wholeNumber: true,
  defaultValue: 1,
  detail: ['name', 'email', 'role'],
  requiredDetail: ['name'],
};

export const kindRules: Record<SignalKind, KindRule> = {
  'usage.active_users': { periods: measured, ...count, detail: [] },
  'usage.logins': { periods: measured, ...count, detail: [] },
  'usage.feature_adoption': { periods: measured, min: 0, max: 1, wholeNumber: false, detail: [] },
  'usage.seats': { periods: ['instant', 'day', 'week'], ...count, detail: [] },
  'survey.nps': { periods: moment, min: 0, max: 10, wholeNumber: true, detail: ['name', 'email'] },
  'survey.csat': { periods: moment, min: 1, max: 5, wholeNumber: true, detail: ['name', 'email'] },
  'stakeholder.left': stakeholder,
  'stakeholder.joined': stakeholder,
  'billing.status': { periods: moment, ...count, detail: ['status', 'autopay'], requiredDetail: ['status'] },
  'call.risk': { periods: moment, ...count, detail: ['activityId'] },
  'call.expansion': { periods: moment, ...count, detail: ['activityId'] },
  'call.competitor': { periods: moment, ...count, detail: ['activityId', 'competitor'] },
};

export interface CheckedSignal {
  period: SignalPeriod;
  observedAt: Date;
  value: number;
  detail: SignalDetail;
}

const range = (rule: KindRule) =>
  rule.max === Number.POSITIVE_INFINITY ? `${rule.min} or more` : `${rule.min}–${rule.max}`;

/** The event as stored, or the reason a person reads for refusing it. */
export function checkSignal(
  kind: SignalKind,
  event: { period?: SignalPeriod; observedAt: Date; value?: number; detail?: SignalDetail },
): CheckedSignal | { reason: string } {
  const rule = kindRules[kind];
  const period = event.period ?? (rule.periods[0] === 'instant' ? 'instant' : undefined);
  if (!period) return { reason: `${kind} needs a period: ${rule.periods.join(' or ')}` };
  if (!rule.periods.includes(period))
    return { reason: `${kind} takes period ${rule.periods.join(' or ')}, not ${period}` };
  const value = event.value ?? rule.defaultValue;
  if (value === undefined) return { reason: `${kind} needs a value (${range(rule)})` };
  if (value < rule.min || value > rule.max)
    return { reason: `${kind} value ${value} is outside ${range(rule)}` };
  if (rule.wholeNumber && !Number.isInteger(value))
    return { reason: `${kind} value ${value} is not a whole number` };
  const detail = event.detail ?? {};
  const stray = (Object.keys(detail) as DetailKey[]).filter((key) => !rule.detail.includes(key));
  if (stray.length > 0) return { reason: `detail.${stray[0]} does not apply to ${kind}` };
  const missing = (rule.requiredDetail ?? []).filter((key) => detail[key] === undefined);
  if (missing.length > 0) return { reason: `${kind} needs detail.${missing[0]}` };
  return { period, observedAt: startOfPeriod(event.observedAt, period), value, detail };
}

/** A day or a week is stamped with its start, UTC (weeks start on Monday). */
export function startOfPeriod(at: Date, period: SignalPeriod): Date {
  if (period === 'instant') return at;
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  if (period === 'day') return new Date(day);
  const daysSinceMonday = (at.getUTCDay() + 6) % 7;
  return new Date(day - daysSinceMonday * 86_400_000);
}
