import { type BillingStatus, billingStatuses } from '../../shared/enums.ts';
import type { DepartureRow, FeatureRow } from './features-query.ts';
import type { Departure, HealthFeatures, SurveyFeatures } from './model/features.ts';

const count = (value: number | null) => value ?? 0;
const time = (value: string | Date | null) => (value === null ? null : new Date(value).getTime());

function parsed<T>(value: T | string | null): T | null {
  if (value === null) return null;
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

function departure(raw: DepartureRow | string | null, joinedAt: string | Date | null): Departure | null {
  const left = parsed<DepartureRow>(raw);
  if (!left) return null;
  const leftAt = new Date(left.at);
  const joined = time(joinedAt);
  return {
    name: left.name,
    on: leftAt.toISOString().slice(0, 10),
    replaced: joined !== null && joined > leftAt.getTime(),
    signalId: left.id,
  };
}

/** NPS from both ways in: `survey.nps` signals and `nps` timeline entries. */
function surveys(row: FeatureRow): SurveyFeatures {
  const n = count(row.nps_sig_n) + count(row.nps_act_n);
  const sum = (row.nps_sig_sum ?? 0) + (row.nps_act_sum ?? 0);
  const fromSignal = time(row.nps_sig_latest_at);
  const fromActivity = time(row.nps_act_latest_at);
  const latest =
    fromSignal !== null && (fromActivity === null || fromSignal >= fromActivity)
      ? row.nps_sig_latest
      : row.nps_act_latest;
  return {
    npsLatest: latest,
    npsMean90d: n > 0 ? sum / n : null,
    npsCount90d: n,
    csatMean90d: row.csat_mean,
    csatCount90d: row.csat_n ?? 0,
  };
}

function billingStatus(value: string | null): BillingStatus | null {
  return billingStatuses.find((s) => s === value) ?? null;
}

export function featuresFromRow(row: FeatureRow, asOf: string): HealthFeatures {
  return {
    customerId: row.customer_id,
    asOf,
    usage: {
      activeUsers30d: row.au30,
      activeUsersPrev30d: row.au_prev,
      logins30d: row.lg30,
      loginsPrev30d: row.lg_prev,
      adoption30d: row.ad30,
      adoptionPrev30d: row.ad_prev,
      seats: row.seats,
      activeUsersPeriod: row.au_period,
    },
    support: {
      openUrgent: count(row.open_urgent),
      openHigh: count(row.open_high),
      openOther: count(row.open_other),
      oldestOpenDays: row.oldest_open_days,
      oldestUrgentOpenDays: row.oldest_urgent_days,
      opened30d: count(row.opened30),
      opened365d: count(row.opened365),
      worstOpenTicketId: row.worst_ticket,
    },
    surveys: surveys(row),
    sentiment: {
      mean90d: row.sent90,
      count90d: count(row.sent_n),
      mean30d: row.sent30,
      meanPrev30d: row.sent_prev,
      worstThreadId: row.worst_thread,
    },
    calls: {
      risk90d: count(row.call_risk),
      expansion90d: count(row.call_expansion),
      competitor90d: count(row.call_competitor),
      signals90d: count(row.call_n),
      competitorName: row.competitor_name,
    },
    engagement: {
      daysSinceLastMeeting: row.last_meeting_days,
      daysSinceLastEmail: row.last_email_days,
      meetings90d: count(row.meetings90),
      emails90d: count(row.emails90),
    },
    stakeholders: {
      championContacts: count(row.champions),
      sponsorContacts: count(row.sponsors),
      championLeft: departure(row.champion_left, row.champion_joined_at),
      sponsorLeft: departure(row.sponsor_left, row.sponsor_joined_at),
    },
    renewal: { daysToRenewal: row.days_to_renewal, renewalDate: row.renewal_date },
    billing: {
      status: billingStatus(row.billing_status),
      daysPastDue: row.billing_days,
      autopay: row.billing_autopay,
    },
    relationship: { daysSinceFirstContract: row.relationship_days, currentTermDays: row.term_days },
  };
}
