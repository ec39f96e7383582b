/** Domain vocabularies shared by the schema, the API contracts and the sidebar. */
export const userRoles = ['admin', 'csm', 'viewer'] as const;
export type UserRole = (typeof userRoles)[number];

export const tokenKinds = ['session', 'pat'] as const;
export type TokenKind = (typeof tokenKinds)[number];

export const segments = ['enterprise', 'mid_market', 'smb'] as const;
export type Segment = (typeof segments)[number];

export const lifecycleStages = ['onboarding', 'adoption', 'growth', 'renewal', 'at_risk', 'churned'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

export const contactRoles = [
  'champion',
  'executive_sponsor',
  'decision_maker',
  'technical',
  'billing',
  'user',
] as const;
export type ContactRole = (typeof contactRoles)[number];

export const contractStatuses = ['active', 'expired', 'cancelled'] as const;

export const activityKinds = ['email', 'meeting', 'call', 'note', 'ticket', 'nps'] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const ticketStatuses = ['open', 'pending', 'solved', 'closed'] as const;
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;

export const taskStatuses = ['open', 'done', 'cancelled'] as const;

/**
 * What a health signal measures. Tickets, meetings, NPS comments and email sentiment live on the
 * timeline (`activities`); these are the measurements that have no activity of their own.
 */
export const signalKinds = [
  /** Distinct active users in the period. */
  'usage.active_users',
  /** Logins in the period. */
  'usage.logins',
  /** Share (0–1) of the org's key features the customer used in the period. */
  'usage.feature_adoption',
  /** Seats the customer pays for, as of the moment observed. */
  'usage.seats',
  /** A Net Promoter answer, 0–10. */
  'survey.nps',
  /** A satisfaction answer, 1–5. */
  'survey.csat',
  /** A stakeholder left or joined (value 1); the detail names them and their role. */
  'stakeholder.left',
  'stakeholder.joined',
  /** Days past due (0 = current); the detail holds the billing status. */
  'billing.status',
  /** Mentions in one call (value = count); the detail names the activity and the competitor. */
  'call.risk',
  'call.expansion',
  'call.competitor',
] as const;
export type SignalKind = (typeof signalKinds)[number];

/** A measurement over a day or a week is stamped with the start of its period (UTC). */
export const signalPeriods = ['instant', 'day', 'week'] as const;
export type SignalPeriod = (typeof signalPeriods)[number];

export const billingStatuses = ['current', 'overdue', 'failed', 'cancelled'] as const;
export type BillingStatus = (typeof billingStatuses)[number];
