import { z } from 'zod';
import {
  billingStatuses,
  contactRoles,
  signalKinds,
  signalPeriods,
  ticketPriorities,
  ticketStatuses,
} from '../enums.ts';
import { domain, email, id, isoDate, isoDateTime } from './common.ts';

/** Postgres text cannot hold a NUL character: refused here rather than failing the whole batch. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'must not contain a NUL character');

/** A moment with its offset, or a bare date (midnight UTC). */
export const signalMoment = z.union([isoDateTime, isoDate]);

/** What `kind: 'ticket'` carries: the ticket's state as the sender saw it at `observedAt`. */
export const ticketEventInput = z.object({
  id: text(200),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities).default('normal'),
  subject: text(500).optional(),
  /** When it was opened; `observedAt` when not given. */
  openedAt: signalMoment.optional(),
});

export const signalDetailInput = z.strictObject({
  name: text(200).optional(),
  email: email.optional(),
  role: z.enum(contactRoles).optional(),
  status: z.enum(billingStatuses).optional(),
  /** billing.status: whether the customer pays automatically (card or direct debit). */
  autopay: z.boolean().optional(),
  activityId: id.optional(),
  competitor: text(200).optional(),
});

/**
 * One event, from any way in: a health signal (`kind` one of `signalKinds`) or a ticket's state.
 * The customer is named by exactly one of `customerId`, `externalId` (with `source` when the same
 * external id exists in several systems) or `domain`. Ranges per kind are checked by the service,
 * which rejects the event with a reason rather than the whole batch.
 */
export const signalEventInput = z
  .object({
    /** The sender's id: a resend with the same id changes nothing. Required at the ingest endpoint. */
    eventId: text(200).optional(),
    customerId: id.optional(),
    externalId: text(200).optional(),
    /** The system the external ids come from (the customer's, and a ticket's). */
    source: z
      .string()
      .trim()
      .max(50)
      .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." and "-" only')
      .optional(),
    domain: domain.optional(),
    kind: z.enum([...signalKinds, 'ticket']),
    observedAt: signalMoment,
    period: z.enum(signalPeriods).optional(),
    value: z.number().finite().optional(),
    detail: signalDetailInput.optional(),
    ticket: ticketEventInput.optional(),
  })
  .refine(
    (e) => [e.customerId, e.externalId, e.domain].filter((v) => v !== undefined).length === 1,
    'name the customer by exactly one of customerId, externalId or domain',
  );
export type SignalEventInput = z.input<typeof signalEventInput>;
export type SignalEvent = z.output<typeof signalEventInput>;

export const maxEventsPerCall = 500;
export const maxEventsPerIngest = 1000;

export const recordSignalsInput = z.object({
  events: z.array(signalEventInput).min(1).max(maxEventsPerCall),
});

export const rejectedEvent = z.object({
  index: z.number().int(),
  eventId: z.string().nullable(),
  reason: z.string(),
});
export const recordSignalsOutput = z.object({
  accepted: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.array(rejectedEvent),
});
export type RecordSignalsOutput = z.infer<typeof recordSignalsOutput>;

export const listSignalsInput = z.object({
  customerId: id,
  kinds: z.array(z.enum(signalKinds)).max(signalKinds.length).optional(),
  since: isoDateTime.optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export const signalOutput = z.object({
  id,
  kind: z.enum(signalKinds),
  period: z.enum(signalPeriods),
  observedAt: isoDateTime,
  value: z.number(),
  detail: signalDetailInput,
  eventId: z.string(),
  source: z.string(),
});
export type SignalOutput = z.infer<typeof signalOutput>;

export const ingestTokenOutput = z.object({
  id,
  name: z.string(),
  prefix: z.string(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type IngestTokenOutput = z.infer<typeof ingestTokenOutput>;
export const createIngestTokenInput = z.object({ name: z.string().trim().min(1).max(100) });
export const createIngestTokenOutput = z.object({ token: z.string(), info: ingestTokenOutput });
export const revokeIngestTokenInput = z.object({ id });
