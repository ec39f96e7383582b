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
