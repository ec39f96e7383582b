import { z } from 'zod';
import type { SignalEventInput } from '../../shared/api/signals.ts';
import type { Db } from '../db/client.ts';
import { activities } from '../db/schema.ts';
import type { LineProblem } from '../imports/csv.ts';
import { blankToUndefined } from '../imports/fields.ts';
import type { Importer, ValidRow, WriteContext } from '../imports/importer.ts';
import { type PreparedSignal, type PreparedTicket, parseSignalEvents, prepareSignals } from './prepare.ts';
import { healthSignals } from './schema.ts';
import { writePreparedSignals } from './service.ts';

const cell = z.preprocess(blankToUndefined, z.string().trim().optional());
/** yes/no, true/false or 1/0; anything else is passed on for the event's schema to refuse by name. */
const yesNo = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((value) => yesNoWords[value.toLowerCase()] ?? value)
    .optional(),
);
const yesNoWords: Record<string, boolean> = {
  yes: true,
  true: true,
  '1': true,
  no: false,
  false: false,
  '0': false,
};

const number = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'a plain number such as 42 or 0.35')
    .transform(Number)
    .optional(),
);

const signalRow = z
  .object({
    customer_id: cell,
    customer_external_id: cell,
    customer_domain: cell,
    source: cell,
    kind: cell,
    observed_at: cell,
    period: cell,
    value: number,
    event_id: cell,
    name: cell,
    email: cell,
    role: cell,
    status: cell,
    autopay: yesNo,
    competitor: cell,
    activity_id: cell,
    ticket_id: cell,
    ticket_status: cell,
    ticket_priority: cell,
    ticket_subject: cell,
    ticket_opened_at: cell,
  })
  .transform((row): SignalEventInput => {
    const detail = Object.fromEntries(
      Object.entries({
        name: row.name,
        email: row.email,
        role: row.role,
        status: row.status,
        autopay: row.autopay,
        competitor: row.competitor,
        activityId: row.activity_id,
      }).filter(([, v]) => v !== undefined),
    );
    const ticket =
      row.ticket_id === undefined && row.ticket_status === undefined
        ? undefined
        : {
            id: row.ticket_id,
            status: row.ticket_status,
            priority: row.ticket_priority,
            subject: row.ticket_subject,
            openedAt: row.ticket_opened_at,
          };
    // The event's own schema checks the rest (recordSignals' checks, line by line): cast only here.
    return {
      eventId: row.event_id,
      customerId: row.customer_id,
      externalId: row.customer_external_id,
      domain: row.customer_domain,
      source: row.source,
      kind: row.kind,
      observedAt: row.observed_at,
      period: row.period,
      value: row.value,
      detail: Object.keys(detail).length > 0 ? detail : undefined,
      ticket,
    } as SignalEventInput;
  });

type SignalRow = z.output<typeof signalRow>;
type ResolvedSignal = { signal: PreparedSignal } | { ticket: PreparedTicket };

/**
 * `cscx import signals FILE.csv`: each line is one event, checked exactly as the API checks it, all
 * of them before anything is written. A line without an event_id gets one derived from its content,
 * so importing the same file again adds nothing.
 */
export const signalImporter: Importer<SignalRow, ResolvedSignal> = {
  entity: 'signals',
  tables: [healthSignals, activities],
  requiredColumns: ['kind', 'observed_at'],
  optionalColumns: [
    'customer_external_id',
    'customer_domain',
    'customer_id',
    'source',
    'period',
    'value',
    'event_id',
    'name',
    'email',
    'role',
    'status',
    'autopay',
    'competitor',
    'activity_id',
    'ticket_id',
    'ticket_status',
    'ticket_priority',
    'ticket_subject',
    'ticket_opened_at',
  ],
  schema: signalRow as z.ZodType<SignalRow>,
  uniqueWithinFile: (row) => (row.eventId ? [{ label: 'event_id', value: row.eventId }] : []),
  resolve,
  write,
};

async function resolve(tx: Db, orgId: string, rows: ValidRow<SignalRow>[], now: Date) {
  const parsed = parseSignalEvents(
    rows.map((r) => r.row),
    false,
  );
  const prepared = await prepareSignals(tx, { orgId, parsed, now });
  const lineOf = (index: number) => rows[index]?.line ?? 0;
  const problems: LineProblem[] = prepared.rejected.map((r) => ({
    line: lineOf(r.index),
    reason: inColumnNames(r.reason),
  }));
  const resolved: ValidRow<ResolvedSignal>[] = [
    ...prepared.signals.map((signal) => ({ line: lineOf(signal.index), row: { signal } })),
    ...prepared.tickets.map((ticket) => ({ line: lineOf(ticket.index), row: { ticket } })),
  ].sort((a, b) => a.line - b.line);
  return { resolved, problems };
}

async function write(tx: Db, context: WriteContext, rows: ResolvedSignal[]) {
  const written = await writePreparedSignals(
    tx,
    { orgId: context.orgId, source: 'csv', now: context.now },
    {
      signals: rows.flatMap((r) => ('signal' in r ? [r.signal] : [])),
      tickets: rows.flatMap((r) => ('ticket' in r ? [r.ticket] : [])),
    },
  );
  return { created: written.accepted, updated: 0 };
}

/** The API's field names in a reason, as the file's columns are named. */
const columnOfField: [RegExp, string][] = [
  [/\bdetail\.activityId\b/g, 'activity_id'],
  [/\bdetail\.(\w+)/g, '$1'],
  [/\bticket\.openedAt\b/g, 'ticket_opened_at'],
  [/\bticket\.(\w+)/g, 'ticket_$1'],
  [/\beventId\b/g, 'event_id'],
  [/\bobservedAt\b/g, 'observed_at'],
  [/\bexternalId\b/g, 'customer_external_id'],
  [/\bcustomerId\b/g, 'customer_id'],
  [/\bdomain\b/g, 'customer_domain'],
];

function inColumnNames(reason: string): string {
  return columnOfField.reduce((text, [field, column]) => text.replace(field, column), reason);
}
