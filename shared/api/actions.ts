import { z } from 'zod';
import { lifecycleStages, segments } from '../enums.ts';
import { email, id, isoDate, isoDateTime, timeZone } from './common.ts';

/**
 * Everything CSCX does beyond reading is an action first: proposed, decided (by a person or the
 * org's policy), then run once by the queue. Email, Calendar and Slack kinds reach the outside
 * world; the others change CSCX's own data.
 */
export const actionKinds = [
  'email.send',
  'calendar.create_event',
  'slack.post',
  'task.create',
  'customer.update_field',
] as const;
export type ActionKind = (typeof actionKinds)[number];

/** Kinds whose effect leaves CSCX: every one of them asks unless an admin's policy says otherwise. */
export const outboundKinds: readonly ActionKind[] = ['email.send', 'calendar.create_event', 'slack.post'];

/**
 * Kinds that act through the user's own Google account (their mailbox, their calendar): only that
 * user, or an admin, may approve one (`backend/actions/decide.ts`).
 */
export const ownAccountKinds: readonly ActionKind[] = ['email.send', 'calendar.create_event'];

export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const actionStatuses = [
  'proposed',
  'approved',
  'edited',
  'rejected',
  'executing',
  /** A run failed and the queue will try again. */
  'failed',
  'done',
  /** Out of attempts, or refused for good by the outside service: the error is kept. */
  'dead',
] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** Waiting for a person: what the Inbox shows first. */
export const pendingStatuses: readonly ActionStatus[] = ['proposed'];

/** A Gmail header value never carries a line break: a header cannot be smuggled in. */
const headerText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((text) => !/[\r\n]/.test(text), 'no line breaks');

/** A Message-ID as in RFC 5322: `<left@right>`. */
const messageId = z
  .string()
  .trim()
  .max(998)
  .regex(/^<[^<>\s]+@[^<>\s]+>$/, 'a Message-ID such as <abc@mail.example>');

export const emailSendPayload = z.object({
  to: z.array(email).min(1).max(50),
  cc: z.array(email).max(50).default([]),
  subject: headerText(998).pipe(z.string().min(1)),
  /** Plain text. */
  body: z.string().min(1).max(100_000),
  /** Gmail's thread id: a reply stays in its thread. */
  threadId: z.string().trim().max(100).optional(),
  /** The Message-ID of the message replied to, and the chain before it. */
  inReplyTo: messageId.optional(),
  references: z.array(messageId).max(100).default([]),
  /** The CSCX draft the body began as: an edit of it teaches the sender's style profile. */
  draftId: id.optional(),
  /** Schedule send: once approved, it goes out no earlier than this. */
  sendAt: isoDateTime.optional(),
});
export type EmailSendPayload = z.infer<typeof emailSendPayload>;

/** A moment in its time zone, as Calendar takes it: the zone also sets how a repeat falls. */
const eventTime = z.object({ dateTime: isoDateTime, timeZone });

export const calendarCreateEventPayload = z
  .object({
    summary: z.string().trim().min(1).max(1_024),
    description: z.string().max(8_000).optional(),
    location: z.string().trim().max(1_024).optional(),
    start: eventTime,
    end: eventTime,
    /** Invited by Calendar, which emails each of them. */
    attendees: z.array(email).max(100).default([]),
    /** A Google Meet link is added to the event. */
    conference: z.boolean().default(false),
  })
  .refine((event) => Date.parse(event.end.dateTime) > Date.parse(event.start.dateTime), {
    message: 'the event ends after it starts',
    path: ['end'],
  });
export type CalendarCreateEventPayload = z.infer<typeof calendarCreateEventPayload>;

export const slackPostPayload = z.object({
  /** A channel's id (`C…` public, `G…` private): history, searched before a retry, takes only ids. */
  channel: z
    .string()
    .trim()
    .regex(/^[CG][A-Z0-9]{8,}$/, 'a Slack channel id such as C0123456789'),
  /** Slack's mrkdwn; Slack cuts a message past 40,000 characters. */
  text: z.string().trim().min(1).max(40_000),
  /** Posts as a reply in this message's thread. */
  threadTs: z
    .string()
    .regex(/^\d+\.\d+$/, 'a Slack message ts such as 1700000000.000100')
    .optional(),
});
export type SlackPostPayload = z.infer<typeof slackPostPayload>;

export const taskCreatePayload = z.object({
  title: z.string().trim().min(1).max(500),
  dueDate: isoDate.optional(),
  assigneeId: id.optional(),
});
export type TaskCreatePayload = z.infer<typeof taskCreatePayload>;

export const customerUpdateFieldPayload = z.discriminatedUnion('field', [
  z.object({ field: z.literal('stage'), value: z.enum(lifecycleStages) }),
  z.object({ field: z.literal('segment'), value: z.enum(segments) }),
  z.object({ field: z.literal('renewalDate'), value: isoDate.nullable() }),
  z.object({ field: z.literal('ownerId'), value: id.nullable() }),
]);
export type CustomerUpdateFieldPayload = z.infer<typeof customerUpdateFieldPayload>;

export const actionPayloads = {
  'email.send': emailSendPayload,
  'calendar.create_event': calendarCreateEventPayload,
  'slack.post': slackPostPayload,
  'task.create': taskCreatePayload,
  'customer.update_field': customerUpdateFieldPayload,
} as const satisfies Record<ActionKind, z.ZodType>;

export type ActionPayload<K extends ActionKind = ActionKind> = z.infer<(typeof actionPayloads)[K]>;

/** A kind with its payload, checked together. */
export const actionRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('email.send'), payload: emailSendPayload }),
  z.object({ kind: z.literal('calendar.create_event'), payload: calendarCreateEventPayload }),
  z.object({ kind: z.literal('slack.post'), payload: slackPostPayload }),
  z.object({ kind: z.literal('task.create'), payload: taskCreatePayload }),
  z.object({ kind: z.literal('customer.update_field'), payload: customerUpdateFieldPayload }),
]);
export type ActionRequest = z.infer<typeof actionRequest>;

/** From the sidebar: what a client proposes is untrusted, so it always waits for a person. */
export const proposeActionInput = z.intersection(
  actionRequest,
  z.object({
    customerId: id,
    reason: z.string().trim().min(1).max(2_000),
    /** Sent again after a lost answer, the same key returns the same action. */
    idempotencyKey: z.string().trim().min(8).max(200).optional(),
  }),
);
export type ProposeActionInput = z.infer<typeof proposeActionInput>;

export const listActionsInput = z.object({
  /** `mine`: proposed for me or by me; `customers`: on customers I own; `all`: the org (admins). */
  scope: z.enum(['mine', 'customers', 'all']).default('mine'),
  /** `pending`: waiting for a decision; `history`: decided, running or finished. */
  state: z.enum(['pending', 'history']).default('pending'),
  limit: z.number().int().min(1).max(200).default(50),
  /** The next page: the last action of the page before (newest first, so older ones follow). */
  before: z.object({ createdAt: isoDateTime, id }).optional(),
});
export type ListActionsInput = z.infer<typeof listActionsInput>;

export const decideActionInput = z.object({ id, note: z.string().trim().max(2_000).optional() });
export type DecideActionInput = z.infer<typeof decideActionInput>;

export const editActionInput = z.intersection(
  actionRequest,
  z.object({ id, note: z.string().trim().max(2_000).optional() }),
);
export type EditActionInput = z.infer<typeof editActionInput>;

export const bulkApproveInput = z.object({ ids: z.array(id).min(1).max(100) });

export const bulkApproveOutput = z.object({
  approved: z.array(id),
  /** Each left alone, and why (not low risk, already decided, not the caller's to approve). */
  skipped: z.array(z.object({ id, reason: z.string() })),
});
export type BulkApproveOutput = z.infer<typeof bulkApproveOutput>;

export const proposedBy = z.object({
  /** `sidebar`, `drafts`, `meetings`, `health`, … */
  feature: z.string(),
  aiRunId: id.nullable(),
  /** The automation rule that proposed it, when one did. */
  rule: z.string().nullable(),
  userId: id.nullable(),
});
export type ProposedBy = z.infer<typeof proposedBy>;

export const actionView = z.object({
  id,
  kind: z.enum(actionKinds),
  /** What will run (or ran): the edited payload when there is one. */
  payload: z.record(z.string(), z.unknown()),
  originalPayload: z.record(z.string(), z.unknown()),
  editedPayload: z.record(z.string(), z.unknown()).nullable(),
  customerId: id.nullable(),
  /** Whose account it acts through (an email is sent from their Google connection). */
  forUserId: id,
  proposedBy,
  /** It came from text CSCX does not trust (an email, a transcript, a client): a person decides. */
  untrusted: z.boolean(),
  reason: z.string(),
  risk: z.enum(riskLevels),
  status: z.enum(actionStatuses),
  /** What the policy did, in words: "ran alone: policy auto up to low, risk low". */
  policyDecision: z.string(),
  decidedBy: id.nullable(),
  decidedAt: isoDateTime.nullable(),
  decisionNote: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  outcome: z.record(z.string(), z.unknown()).nullable(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type ActionView = z.infer<typeof actionView>;

/** An action as the Inbox lists it: with its customer's name, so a list needs no lookup per row. */
export const listedAction = actionView.extend({ customerName: z.string().nullable() });
export type ListedAction = z.infer<typeof listedAction>;

/** What waits for the caller's decision: the extension's icon badge shows it. */
export const waitingCountOutput = z.object({ count: z.number().int().min(0) });
export type WaitingCountOutput = z.infer<typeof waitingCountOutput>;

export const policyModes = ['ask', 'auto', 'never'] as const;
export type PolicyMode = (typeof policyModes)[number];

export const actionPolicy = z.discriminatedUnion('mode', [
  z.object({ kind: z.enum(actionKinds), mode: z.literal('ask') }),
  z.object({ kind: z.enum(actionKinds), mode: z.literal('never') }),
  /** Runs without a person up to this risk; above it, asks. */
  z.object({ kind: z.enum(actionKinds), mode: z.literal('auto'), upToRisk: z.enum(riskLevels) }),
]);
export type ActionPolicy = z.infer<typeof actionPolicy>;

export const policyView = z.object({
  policies: z.array(actionPolicy.and(z.object({ isDefault: z.boolean() }))),
});
export type PolicyView = z.infer<typeof policyView>;
