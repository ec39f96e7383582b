import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  listSignalsInput,
  RecordSignalsOutput,
  recordSignalsInput,
  SignalOutput,
} from '../../shared/api/signals.ts';
import type { Db } from '../db/client.ts';
import type { OrgDeps } from '../deps.ts';
import { requestHealthRecompute } from '../health/recompute-requests.ts';
import { keyOf } from '../imports/upsert.ts';
import {
  type ParsedEvents,
  type PreparedBatch,
  type PreparedSignal,
  type PreparedTicket,
  parseSignalEvents,
  prepareSignals,
} from './prepare.ts';
import { healthSignals } from './schema.ts';
import { upsertTickets } from './tickets.ts';

/** `api`, `csv`, `ingest`, `meeting`, `demo`: where a signal came in. */
export type SignalSource = 'api' | 'csv' | 'ingest' | 'meeting' | 'demo';

export interface RecordSignalsInput {
  orgId: string;
  source: SignalSource;
  /** Each checked on its own: a bad one is rejected with its index, the others still count. */
  events: readonly unknown[];
  now: Date;
  /** The ingest endpoint's senders must name every event; elsewhere an id is derived from the content. */
  requireEventId?: boolean;
}

/**
 * The one way signals come in (tRPC, the ingest endpoint, CSV import; the demo book writes its own
 * known-good rows directly). Sending the same events again changes nothing: signals are written once
 * per event id, tickets only when their state changed. Everything happens in the caller's transaction.
 */
export function recordSignals(tx: Db, input: RecordSignalsInput): Promise<RecordSignalsOutput> {
  const parsed = parseSignalEvents(input.events, input.requireEventId ?? false);
  return recordParsedSignals(tx, { ...input, parsed });
}

/** As recordSignals, for events parsed before the transaction opened (parseSignalEvents). */
export async function recordParsedSignals(
  tx: Db,
  input: { orgId: string; source: SignalSource; now: Date; parsed: ParsedEvents },
): Promise<RecordSignalsOutput> {
  const prepared = await prepareSignals(tx, input);
  const written = await writePreparedSignals(tx, input, prepared);
  return { accepted: written.accepted, duplicate: written.duplicate, rejected: prepared.rejected };
}

export interface WrittenSignals {
  accepted: number;
  duplicate: number;
}

/** Set-based: one insert for the batch's signals and one upsert (or two) for its tickets. */
export async function writePreparedSignals(
  tx: Db,
  context: { orgId: string; source: SignalSource; now: Date },
  batch: Pick<PreparedBatch, 'signals' | 'tickets'>,
): Promise<WrittenSignals> {
  const seen = new Set<string>();
  const firstOfId = (e: { eventId: string }) => {
    if (seen.has(e.eventId)) return false;
    seen.add(e.eventId);
    return true;
  };
  const signals = batch.signals.filter(firstOfId);
  const tickets = batch.tickets.filter(firstOfId);
  const repeatedInBatch = batch.signals.length + batch.tickets.length - signals.length - tickets.length;
  /** Customers with a new signal or a changed ticket: the ones whose health is due again. */
  const changed = new Set<string>();

  const inserted = await insertSignals(tx, context, signals);
  for (const row of inserted) changed.add(row.customer_id);

  const latest = latestStatePerTicket(tickets);
  const changedTickets =
    latest.length > 0 ? await upsertTickets(tx, context.orgId, context.now, latest) : new Set();
  const ticketsTaken = tickets.filter((t) => changedTickets.has(keyOf(t.source, t.ticket.id)));
  for (const t of ticketsTaken) changed.add(t.customerId);

  const accepted = inserted.length + ticketsTaken.length;
  if (changed.size > 0) await requestHealthRecompute(tx, context.orgId, changed);
  return { accepted, duplicate: signals.length + tickets.length - accepted + repeatedInBatch };
}

/** One statement for the batch, its rows as one jsonb parameter; an event id already stored is skipped. */
async function insertSignals(
  tx: Db,
  context: { orgId: string; source: SignalSource },
  signals: PreparedSignal[],
): Promise<{ customer_id: string }[]> {
  if (signals.length === 0) return [];
  const rows = signals.map((s) => ({
    customer_id: s.customerId,
    kind: s.kind,
    period: s.period,
    observed_at: s.observedAt.toISOString(),
    value: s.value,
    detail: s.detail,
    event_id: s.eventId,
  }));
  return tx.execute<{ customer_id: string }>(
    sql`insert into ${healthSignals} (org_id, customer_id, kind, period, observed_at, value, detail, event_id, source)
        select ${context.orgId}::uuid, r.customer_id, r.kind, r.period, r.observed_at, r.value, r.detail, r.event_id, ${context.source}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(customer_id uuid, kind signal_kind,
          period signal_period, observed_at timestamptz, value double precision, detail jsonb, event_id text)
        on conflict (org_id, event_id) do nothing
        returning customer_id`,
  );
}

/**
 * One write per ticket: of several states of one ticket in a batch, the latest observed wins (the
 * last sent on a tie). They all count as taken in when it changed the ticket, as duplicates when not.
 */
function latestStatePerTicket(tickets: PreparedTicket[]): PreparedTicket[] {
  const latest = new Map<string, PreparedTicket>();
  for (const t of tickets) {
    const key = keyOf(t.source, t.ticket.id);
    const held = latest.get(key);
    if (!held || t.observedAt.getTime() >= held.observedAt.getTime()) latest.set(key, t);
  }
  return [...latest.values()];
}

export function recordSignalsFromApi(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof recordSignalsInput>,
) {
  return recordSignals(db, { orgId: principal.orgId, source: 'api', events: input.events, now: clock.now() });
}

/** A customer's signals, newest first: what a Health panel's "why" opens. */
export async function listSignals(
  { db, principal }: OrgDeps,
  input: z.infer<typeof listSignalsInput>,
): Promise<SignalOutput[]> {
  const rows = await db
    .select()
    .from(healthSignals)
    .where(
      and(
        eq(healthSignals.orgId, principal.orgId),
        eq(healthSignals.customerId, input.customerId),
        input.kinds ? inArray(healthSignals.kind, input.kinds) : undefined,
        input.since ? gte(healthSignals.observedAt, new Date(input.since)) : undefined,
      ),
    )
    .orderBy(desc(healthSignals.observedAt), desc(healthSignals.id))
    .limit(input.limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    period: r.period,
    observedAt: r.observedAt.toISOString(),
    value: r.value,
    detail: r.detail,
    eventId: r.eventId,
    source: r.source,
  }));
}
