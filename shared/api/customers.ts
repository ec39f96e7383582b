import { z } from 'zod';
import {
  activityKinds,
  contactRoles,
  lifecycleStages,
  segments,
  taskStatuses,
  ticketPriorities,
  ticketStatuses,
} from '../enums.ts';
import { currency, domain, email, id, isoDate, isoDateTime, page, pageInput } from './common.ts';

const externalRef = {
  source: z.string().trim().min(1).max(50).default('cscx'),
  externalId: z.string().trim().min(1).max(200).optional(),
};

export const customerSummary = z.object({
  id,
  name: z.string(),
  domains: z.array(z.string()),
  segment: z.enum(segments),
  stage: z.enum(lifecycleStages),
  ownerId: id.nullable(),
  arrMinor: z.number().int(),
  currency: z.string(),
  renewalDate: isoDate.nullable(),
  source: z.string(),
  externalId: z.string().nullable(),
  updatedAt: isoDateTime,
});
export type CustomerSummary = z.infer<typeof customerSummary>;

export const contactOutput = z.object({
  id,
  customerId: id,
  email: z.string(),
  name: z.string(),
  title: z.string(),
  role: z.enum(contactRoles),
});
export type ContactOutput = z.infer<typeof contactOutput>;

export const activityOutput = z.object({
  id,
  kind: z.enum(activityKinds),
  occurredAt: isoDateTime,
  subject: z.string(),
  summary: z.string(),
  contactId: id.nullable(),
  ticketStatus: z.enum(ticketStatuses).nullable(),
  ticketPriority: z.enum(ticketPriorities).nullable(),
  npsScore: z.number().int().nullable(),
  source: z.string(),
});
export type ActivityOutput = z.infer<typeof activityOutput>;

export const contractOutput = z.object({
  id,
  name: z.string(),
  status: z.string(),
  startDate: isoDate,
  endDate: isoDate,
  arrMinor: z.number().int(),
  currency: z.string(),
});

export const taskOutput = z.object({
  id,
  title: z.string(),
  status: z.enum(taskStatuses),
  dueDate: isoDate.nullable(),
  assigneeId: id.nullable(),
});

export const ownerOutput = z.object({ id, name: z.string(), email: z.string() });

/** An open task as the sidebar lists it: who it is assigned to (null when nobody or they are gone). */
export const openTaskOutput = z.object({
  id,
  title: z.string(),
  dueDate: isoDate.nullable(),
  assignee: ownerOutput.nullable(),
});
export type OpenTaskOutput = z.infer<typeof openTaskOutput>;

export const listCustomersInput = pageInput.extend({
  search: z.string().trim().max(200).optional(),
  ownerId: id.optional(),
  stage: z.enum(lifecycleStages).optional(),
  segment: z.enum(segments).optional(),
  /** Renewal between today and this many days ahead. */
  renewalWithinDays: z.number().int().min(0).max(3650).optional(),
});
export const listCustomersOutput = page(customerSummary);

export const customerDetail = customerSummary.extend({
  owner: ownerOutput.nullable(),
  contacts: z.array(contactOutput),
  contracts: z.array(contractOutput),
  openTasks: z.array(taskOutput),
});

/**
 * Creates a customer, or updates one (by id, or by source and external id): an update changes only
 * the fields it is given; a new customer gets the defaults (smb, onboarding, 0 ARR in USD, no domains).
 * `domains`, when given, replaces the list.
 */
export const upsertCustomerInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(1).max(200),
  domains: z.array(domain).max(20).optional(),
  ownerId: id.nullable().optional(),
  segment: z.enum(segments).optional(),
  stage: z.enum(lifecycleStages).optional(),
  arrMinor: z.number().int().min(0).max(1e13).optional(),
  currency: currency.optional(),
  renewalDate: isoDate.nullable().optional(),
  ...externalRef,
});

/** Like customers: an update changes only what it is given; a new contact gets empty name and title, role user. */
export const upsertContactInput = z.object({
  id: id.optional(),
  customerId: id,
  email,
  name: z.string().trim().max(200).optional(),
  title: z.string().trim().max(200).optional(),
  role: z.enum(contactRoles).optional(),
  ...externalRef,
});

/** Attach an address to a customer: creates the contact, or moves it if it belonged elsewhere. */
export const linkContactInput = z.object({
  email,
  customerId: id,
  name: z.string().trim().max(200).optional(),
  role: z.enum(contactRoles).optional(),
});

export const timelineInput = pageInput.extend({
  customerId: id,
  limit: z.number().int().min(1).max(100).default(25),
});
export const timelineOutput = page(activityOutput);

/**
 * What the page shows: a thread's or an event's addresses, a meeting's topic and participants'
 * names. Any one is enough; `{ emails }` alone is what the first callers sent.
 */
export const contextLookupInput = z
  .object({
    emails: z.array(z.string().max(320)).max(100).default([]),
    /** A meeting topic or an event title: customer names in it count. */
    topic: z.string().max(1000).optional(),
    /** Participants' display names (Zoom shows no addresses): contacts' names among them count. */
    names: z.array(z.string().max(300)).max(1000).default([]),
    /**
     * A video meeting's id (Zoom's meeting number): the customer whose Calendar event carries it, if
     * exactly one customer's does within 12 hours of `at`, comes first.
     */
    meetingId: z.string().trim().min(1).max(200).optional(),
    /** When the meeting takes place; now when not given. */
    at: isoDateTime.optional(),
  })
  .refine(
    (input) =>
      input.emails.length > 0 ||
      (input.topic ?? '').trim() !== '' ||
      input.names.length > 0 ||
      input.meetingId !== undefined,
    { message: 'give emails, a topic, participant names or a meeting id' },
  );

export const contextInput = z.union([contextLookupInput, z.object({ customerId: id })]);

export const matchReason = z.object({
  /** Addresses that are stored contacts of this customer. */
  contactEmails: z.array(z.string()),
  /** Addresses matched only through a customer domain, and the domain that matched. */
  domainMatches: z.array(z.object({ email: z.string(), domain: z.string() })),
  /** The words of the meeting topic that name this customer. */
  topicName: z.string().nullable(),
  /** Its contacts whose names the participants show (matched by name, not address). */
  contactNames: z.array(z.string()),
  /** The title of its Calendar event that is this meeting (the same conference id). */
  calendarEvent: z.string().nullable(),
  /** A sentence for the sidebar: why this customer. */
  summary: z.string(),
});

export const contextCandidate = z.object({
  customer: customerSummary,
  reason: matchReason,
  lastActivityAt: isoDateTime.nullable(),
});

export const customerContext = customerSummary.extend({
  owner: ownerOutput.nullable(),
  /** Whole days from today in the caller's time zone; negative once past. */
  daysToRenewal: z.number().int().nullable(),
  matchedContacts: z.array(contactOutput),
  recentActivities: z.array(activityOutput),
  openTaskCount: z.number().int(),
  /** The first 10 open tasks: soonest due first, undated last. `openTaskCount` counts them all. */
  openTasks: z.array(openTaskOutput),
  /** Filled by the health feature. */
  health: z.null(),
  /** Filled by the approvals feature. */
  pendingApprovals: z.array(z.never()),
});

export const contextOutput = z.object({
  candidates: z.array(contextCandidate),
  customer: customerContext.nullable(),
  /** Addresses that matched nothing (free-mail, the org's own, unknown domains). */
  unmatchedEmails: z.array(z.string()),
});
export type ContextOutput = z.infer<typeof contextOutput>;
