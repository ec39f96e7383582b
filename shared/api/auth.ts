import { z } from 'zod';
import { tokenKinds, userRoles } from '../enums.ts';
import { domain, email, id, isoDateTime, timeZone } from './common.ts';

export const password = z.string().min(12, 'at least 12 characters').max(200);

export const loginInput = z.object({
  email,
  password: z.string().min(1).max(200),
  /** Only needed when the address has an account with that password in several orgs. */
  orgId: id.optional(),
});
export const loginOutput = z.object({
  token: z.string(),
  expiresAt: isoDateTime,
  mustChangePassword: z.boolean(),
});

export const acceptInviteInput = z.object({
  token: z.string().min(10).max(200),
  password,
  name: z.string().trim().max(200).optional(),
});
/** Any string: a link that is not one gets the same answer as a used or expired one. */
export const describeInviteInput = z.object({ token: z.string().max(200) });
/** Who the link sets up, so the page can say which address is being set up, and where. */
export const describeInviteOutput = z.object({ email: z.string(), orgName: z.string() });
export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: password,
});

export const userOutput = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role: z.enum(userRoles),
  timeZone: z.string(),
  mustChangePassword: z.boolean(),
  createdAt: isoDateTime,
});
export type UserOutput = z.infer<typeof userOutput>;

/** A member as the members list shows them. */
export const memberOutput = userOutput.extend({
  /** Invited and not signed in yet: no password, and an invitation not accepted (it may have expired). */
  pending: z.boolean(),
  /** When the pending member's latest link was issued, and when it expires; null for everyone else. */
  invitedAt: isoDateTime.nullable(),
  invitationExpiresAt: isoDateTime.nullable(),
});
export type MemberOutput = z.infer<typeof memberOutput>;

export const orgOutput = z.object({
  id,
  name: z.string(),
  domains: z.array(z.string()),
  /** The Calendar sidebar records the events it shows a customer for on that customer's timeline. */
  recordCalendarMeetings: z.boolean(),
  /** The competitors a call's analysis listens for (settings → Organisation). */
  competitors: z.array(z.string()),
});

export const meOutput = z.object({ user: userOutput, org: orgOutput, tokenKind: z.enum(tokenKinds) });

export const updateMeInput = z.object({
  name: z.string().trim().max(200).optional(),
  timeZone: timeZone.optional(),
});

export const tokenOutput = z.object({
  id,
  userId: id,
  kind: z.enum(tokenKinds),
  name: z.string(),
  prefix: z.string(),
  createdAt: isoDateTime,
  expiresAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export const createTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});
export const createTokenOutput = z.object({ token: z.string(), info: tokenOutput });
export const listTokensInput = z
  .object({ userId: id.optional(), includeRevoked: z.boolean().default(false) })
  .default({ includeRevoked: false });
export const revokeTokenInput = z.object({ id });

export const inviteUserInput = z.object({
  email,
  name: z.string().trim().max(200).default(''),
  role: z.enum(userRoles),
});
export const inviteUserOutput = z.object({
  user: userOutput,
  inviteUrl: z.string(),
  inviteToken: z.string(),
  expiresAt: isoDateTime,
});
export const setRoleInput = z.object({ userId: id, role: z.enum(userRoles) });
export const removeUserInput = z.object({ userId: id });
/** A new link for a member who has not signed in yet; the old one stops working. */
export const reissueInviteInput = z.object({ userId: id });

/** One of the org's own domains; a refusal names the value ("'acme..com' is not a domain name"). */
const orgDomain = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    const read = domain.safeParse(value);
    if (read.success) return read.data;
    ctx.addIssue({ code: 'custom', message: `'${value}' is not a domain name` });
    return z.NEVER;
  });

export const updateOrgInput = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  domains: z.array(orgDomain).max(50).optional(),
  recordCalendarMeetings: z.boolean().optional(),
  competitors: z
    .array(z.string().trim().min(1, 'a competitor needs a name').max(100, 'at most 100 characters'))
    .max(100, 'at most 100 competitors')
    .optional(),
});
/** The domains an admin is about to make the org's own, asked before saving. */
export const domainConflictsInput = z.object({ domains: z.array(orgDomain).min(1).max(50) });
/** A customer of the org that owns one of them: its people would no longer match it. */
export const domainConflictOutput = z.object({
  domain: z.string(),
  customerId: id,
  customerName: z.string(),
});
export type DomainConflict = z.infer<typeof domainConflictOutput>;
