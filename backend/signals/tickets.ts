import type { z } from 'zod';
import type { ticketEventInput } from '../../shared/api/signals.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { keyOf, upsertBatch } from '../imports/upsert.ts';

/** A ticket's id is unique within the system it comes from; this one when the event names none. */
export const defaultTicketSource = 'tickets';

export interface TicketState {
  customerId: string;
  source: string;
  ticket: z.output<typeof ticketEventInput>;
  openedAt: Date;
}

/**
 * Upserts `ticket` activities keyed by (source, ticket id), so tickets stay on the timeline the
 * health model reads. The last state given for a ticket wins. Returns the keys of tickets that
 * changed (or were created): the others were already in that state.
 */
export async function upsertTickets(
  tx: Db,
  orgId: string,
  now: Date,
  states: TicketState[],
): Promise<Set<string>> {
  const changed = new Set<string>();
  // A subject left out keeps the one the ticket has: those rows are written without the column.
  for (const group of [
    states.filter((s) => s.ticket.subject !== undefined),
    states.filter((s) => s.ticket.subject === undefined),
  ]) {
    if (group.length === 0) continue;
    const outcome = await upsertBatch(tx, {
      orgId,
      now,
      table: 'activities',
      action: 'signals.ticket',
      keys: group.map((s) => ({ source: s.source, externalId: s.ticket.id })),
      columns: [
        { name: 'customer_id', type: 'uuid', values: group.map((s) => s.customerId) },
        { name: 'kind', type: 'activity_kind', values: group.map(() => 'ticket') },
        { name: 'occurred_at', type: 'timestamptz', values: group.map((s) => s.openedAt.toISOString()) },
        { name: 'ticket_status', type: 'ticket_status', values: group.map((s) => s.ticket.status) },
        { name: 'ticket_priority', type: 'ticket_priority', values: group.map((s) => s.ticket.priority) },
        ...(group[0]?.ticket.subject === undefined
          ? []
          : [{ name: 'subject', type: 'text' as const, values: group.map((s) => s.ticket.subject ?? '') }]),
      ],
    });
    await recordAudit(tx, [...outcome.audit.values()]);
    const changedIds = new Set(outcome.audit.keys());
    for (const s of group) {
      const key = keyOf(s.source, s.ticket.id);
      if (changedIds.has(outcome.idByKey.get(key) ?? '')) changed.add(key);
    }
  }
  return changed;
}
