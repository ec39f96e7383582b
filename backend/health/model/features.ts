import type { BillingStatus } from '../../../shared/enums.ts';

/**
 * Everything the components read about one customer as of a day. Every number is measured, never
 * guessed: a null means there is no data for it, and a component with none of its inputs is left out
 * of the score (the others re-weighted, the confidence lowered).
 *
 * Windows count back from `asOf`: "30d" is (asOf − 30 days, asOf], "prev30d" is (asOf − 60, asOf − 30].
 */
export interface HealthFeatures {
  customerId: string;
  /** The day the features describe (UTC, `YYYY-MM-DD`). */
  asOf: string;
  usage: UsageFeatures;
  support: SupportFeatures;
  surveys: SurveyFeatures;
  sentiment: SentimentFeatures;
  calls: CallFeatures;
  engagement: EngagementFeatures;
  stakeholders: StakeholderFeatures;
  renewal: RenewalFeatures;
  billing: BillingFeatures;
  relationship: RelationshipFeatures;
}

/** From `usage.*` signals: the mean of the period values (a day's or a week's) in each window. */
export interface UsageFeatures {
  activeUsers30d: number | null;
  activeUsersPrev30d: number | null;
  logins30d: number | null;
  loginsPrev30d: number | null;
  /** Share (0–1) of key features used. */
  adoption30d: number | null;
  adoptionPrev30d: number | null;
  /** The latest seats count observed. */
  seats: number | null;
  /** `week` when the active-user figures are weekly, `day` when daily: how the sentence names them. */
  activeUsersPeriod: 'day' | 'week' | null;
}

/** From `ticket` activities: open means status open or pending; age counts from `occurred_at`. */
export interface SupportFeatures {
  openUrgent: number;
  openHigh: number;
  openOther: number;
  /** Days the oldest open ticket has been open; null when none is open. */
  oldestOpenDays: number | null;
  oldestUrgentOpenDays: number | null;
  opened30d: number;
  /** Tickets of any status opened in the last 365 days: zero here and none open means "no data". */
  opened365d: number;
  /** The worst open ticket (highest priority, then oldest). */
  worstOpenTicketId: string | null;
}

/** `survey.nps` signals and `nps` activities (0–10), `survey.csat` signals (1–5), last 90 days. */
export interface SurveyFeatures {
  npsLatest: number | null;
  npsMean90d: number | null;
  npsCount90d: number;
  csatMean90d: number | null;
  csatCount90d: number;
}

/** The stored thread analyses' sentiment score (VADER compound, −1…1) of email activities. */
export interface SentimentFeatures {
  mean90d: number | null;
  count90d: number;
  mean30d: number | null;
  /** Days 30–60 back: what the last 30 days are compared with. */
  meanPrev30d: number | null;
  /** The most negative thread of the 90 days. */
  worstThreadId: string | null;
}

/** `call.*` signals of the last 90 days (mentions counted). */
export interface CallFeatures {
  risk90d: number;
  expansion90d: number;
  competitor90d: number;
  /** How many call signals there were at all: zero means no call data. */
  signals90d: number;
  /** A competitor named in the latest competitor mention. */
  competitorName: string | null;
}

/** The timeline: meetings, calls and emails. */
export interface EngagementFeatures {
  daysSinceLastMeeting: number | null;
  daysSinceLastEmail: number | null;
  /** Meetings and calls in the last 90 days. */
  meetings90d: number;
  emails90d: number;
}

/** `stakeholder.left` / `stakeholder.joined` signals of the last 180 days, and the contact roles. */
export interface StakeholderFeatures {
  championContacts: number;
  sponsorContacts: number;
  /** The latest departure in 180 days of a champion, and whether a champion joined after it. */
  championLeft: Departure | null;
  sponsorLeft: Departure | null;
}

export interface Departure {
  name: string | null;
  /** `YYYY-MM-DD`. */
  on: string;
  replaced: boolean;
  signalId: string;
}

export interface RenewalFeatures {
  /** To `customers.renewal_date`, else the earliest end of an active contract; negative when past. */
  daysToRenewal: number | null;
  renewalDate: string | null;
}

/** The latest `billing.status` signal. */
export interface BillingFeatures {
  status: BillingStatus | null;
  daysPastDue: number | null;
  /** Whether the customer pays automatically (card or direct debit); null when the signal does not say. */
  autopay: boolean | null;
}

/** From `contracts`: how long the customer has been one, and how long they are committed for. */
export interface RelationshipFeatures {
  /** Days since the earliest contract of any status started; null without contracts. */
  daysSinceFirstContract: number | null;
  /** Length in days of the active contract that ends first (a monthly plan ≈ 30). */
  currentTermDays: number | null;
}

/** A customer of whom nothing is known: what a builder or a test starts from. */
export function emptyFeatures(customerId: string, asOf: string): HealthFeatures {
  return {
    customerId,
    asOf,
    usage: {
      activeUsers30d: null,
      activeUsersPrev30d: null,
      logins30d: null,
      loginsPrev30d: null,
      adoption30d: null,
      adoptionPrev30d: null,
      seats: null,
      activeUsersPeriod: null,
    },
    support: {
      openUrgent: 0,
      openHigh: 0,
      openOther: 0,
      oldestOpenDays: null,
      oldestUrgentOpenDays: null,
      opened30d: 0,
      opened365d: 0,
      worstOpenTicketId: null,
    },
    surveys: { npsLatest: null, npsMean90d: null, npsCount90d: 0, csatMean90d: null, csatCount90d: 0 },
    sentiment: { mean90d: null, count90d: 0, mean30d: null, meanPrev30d: null, worstThreadId: null },
    calls: { risk90d: 0, expansion90d: 0, competitor90d: 0, signals90d: 0, competitorName: null },
    engagement: { daysSinceLastMeeting: null, daysSinceLastEmail: null, meetings90d: 0, emails90d: 0 },
    stakeholders: { championContacts: 0, sponsorContacts: 0, championLeft: null, sponsorLeft: null },
    renewal: { daysToRenewal: null, renewalDate: null },
    billing: { status: null, daysPastDue: null, autopay: null },
    relationship: { daysSinceFirstContract: null, currentTermDays: null },
  };
}
