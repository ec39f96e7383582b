import { createHash } from 'node:crypto';
import { type SignalEvent, signalEventInput } from '../../shared/api/signals.ts';
import type { SignalKind } from '../../shared/enums.ts';
import type { Db } from '../db/client.ts';
import { describeIssues } from '../imports/fields.ts';
import { resolveCustomerRefs } from './customer-refs.ts';
import { type CheckedSignal, checkSignal } from './kinds.ts';
import { defaultTicketSource, type TicketState } from './tickets.ts';

export interface Rejection {
  index: number;
  eventId: string | null;
  reason: string;
}

export interface PreparedSignal extends CheckedSignal {
  index: number;
  eventId: string;
  customerId: string;
  kind: SignalKind;
}

export interface PreparedTicket extends TicketState {
  index: number;
  eventId: string;
  observedAt: Date;
}

export interface PreparedBatch {
  signals: PreparedSignal[];
  tickets: PreparedTicket[];
  rejected: Rejection[];
}

/** Clocks of senders drift: a moment up to this far ahead is taken as now-ish, not as the future. */
const futureSlackMs = 24 * 60 * 60 * 1000;

/** Nothing a customer did predates this; it also keeps years Postgres cannot store (year 0) out. */
const earliest = Date.UTC(1970, 0, 1);

const toDate = (moment: string) => new Date(moment.length === 10 ? `${moment}T00:00:00Z` : moment);

export interface ParsedEvents {
  events: { index: number; event: SignalEvent }[];
  rejected: Rejection[];
}

/** Each event's shape, without the database: done before a transaction opens. */
export function parseSignalEvents(events: readonly unknown[], requireEventId: boolean): ParsedEvents {
  const parsed: ParsedEvents = { events: [], rejected: [] };
  events.forEach((raw, index) => {
    const result = signalEventInput.safeParse(raw);
    if (!result.success)
      parsed.rejected.push({ index, eventId: claimedEventId(raw), reason: describeIssues(result.error) });
    else if (requireEventId && result.data.eventId === undefined)
      parsed.rejected.push({ index, eventId: null, reason: 'eventId is required' });
    else parsed.events.push({ index, event: result.data });
  });
  return parsed;
}

/**
 * Checks a parsed batch without writing anything: each event's kind's range, period and detail, and
 * its customer (one set-based lookup for the batch). What passes is ready to write; the rest is
 * rejected one by one, with a reason a person understands.
 */
export async function prepareSignals(
  tx: Db,
  input: { orgId: string; parsed: ParsedEvents; now: Date },
): Promise<PreparedBatch> {
  const rejected = [...input.parsed.rejected];
  const parsed = input.parsed.events;
  const refs = await resolveCustomerRefs(
    tx,
    input.orgId,
    parsed.map((p) => p.event),
  );
  const batch: PreparedBatch = { signals: [], tickets: [], rejected };
  parsed.forEach(({ index, event }, i) => {
    const ref = refs[i]!;
    const outcome = 'reason' in ref ? ref : prepareOne(event, ref.customerId, input.now);
    if ('reason' in outcome) rejected.push({ index, eventId: event.eventId ?? null, reason: outcome.reason });
    else if ('ticket' in outcome) batch.tickets.push({ index, ...outcome });
    else batch.signals.push({ index, ...outcome });
  });
  rejected.sort((a, b) => a.index - b.index);
  return batch;
}

function prepareOne(
  event: SignalEvent,
  customerId: string,
  now: Date,
): Omit<PreparedSignal, 'index'> | Omit<PreparedTicket, 'index'> | { reason: string } {
  const observedAt = toDate(event.observedAt);
  if (observedAt.getTime() > now.getTime() + futureSlackMs)
    return { reason: `observedAt ${event.observedAt} is in the future` };
  if (observedAt.getTime() < earliest) return { reason: `observedAt ${event.observedAt} is before 1970` };
  if (event.kind === 'ticket') return prepareTicket(event, customerId, observedAt);
  if (event.ticket) return { reason: `ticket applies to kind ticket only, not ${event.kind}` };
  const checked = checkSignal(event.kind, { ...event, observedAt });
  if ('reason' in checked) return checked;
  const eventId =
    event.eventId ??
    derivedEventId([
      customerId,
      event.kind,
      checked.period,
      checked.observedAt.toISOString(),
      checked.value,
      checked.detail,
    ]);
  return { ...checked, eventId, customerId, kind: event.kind };
}

function prepareTicket(
  event: SignalEvent,
  customerId: string,
  observedAt: Date,
): Omit<PreparedTicket, 'index'> | { reason: string } {
  const { ticket } = event;
  if (!ticket) return { reason: 'kind ticket needs ticket: { id, status, priority }' };
  for (const stray of ['value', 'period', 'detail'] as const)
    if (event[stray] !== undefined) return { reason: `${stray} does not apply to kind ticket` };
  const openedAt = ticket.openedAt ? toDate(ticket.openedAt) : observedAt;
  if (openedAt.getTime() < earliest) return { reason: `ticket.openedAt ${ticket.openedAt} is before 1970` };
  const source = event.source ?? defaultTicketSource;
  const eventId = event.eventId ?? derivedEventId([customerId, source, ticket, openedAt.toISOString()]);
  return { eventId, customerId, source, ticket, openedAt, observedAt };
}

/** For events sent without an id (a CSV row): the same content always gives the same id. */
function derivedEventId(content: unknown[]): string {
  return `derived:${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 40)}`;
}

/** The id an event that failed its shape check claimed, so the sender can find it. */
function claimedEventId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const eventId = (raw as { eventId?: unknown }).eventId;
  return typeof eventId === 'string' ? eventId.slice(0, 200) : null;
}
