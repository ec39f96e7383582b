import type { InboxHealthAnswer, InboxRowQuery, ThreadHealth } from '../../lib/inbox-health-relay.ts';
import type { GmailHost, ShownGmailThreadRow } from './gmail-host.ts';
import { healthLabel } from './inbox-health-badge.ts';
import type { Lifetime } from './mount.ts';

export type InboxHealthLookup = (rows: InboxRowQuery[]) => Promise<InboxHealthAnswer>;

/** What the server takes in one `health.forThreads` call, and in one row. */
const maxRowsPerLookup = 100;
const maxAddressesPerRow = 50;
/** Rows Gmail shows together arrive over a few ticks: they wait this long to go as one lookup. */
export const inboxBatchWindowMs = 30;

type Health = ThreadHealth['health'];

/**
 * Health badges on the rows of Gmail's thread lists. The rows Gmail shows at once are looked up
 * together, one lookup per page rather than one per row; what a set of people came back as is kept for
 * the page's life, so scrolling back, another page naming the same people, or Gmail redrawing the list
 * asks nothing again. A row of no customer gets no badge; a failed lookup is asked again by the next
 * row naming those people.
 */
export function badgeInboxRows(
  ctx: Lifetime & { setTimeout(handler: () => void, ms: number): number },
  host: Pick<GmailHost, 'onThreadRowShown'>,
  lookup: InboxHealthLookup,
): void {
  const known = new Map<string, Health>();
  /** Rows waiting for their people's answer, by the people: queued for the next lookup, or asked. */
  const waiting = new Map<string, ShownGmailThreadRow[]>();
  let queued: string[] = [];
  let scheduled = false;
  const closed = new WeakSet<ShownGmailThreadRow>();

  const label = (row: ShownGmailThreadRow, health: Health) => {
    if (health && !closed.has(row) && !ctx.isInvalid) row.addLabel(healthLabel(health));
  };
  const settle = (people: string, health: Health | undefined) => {
    const rows = waiting.get(people) ?? [];
    waiting.delete(people);
    if (health === undefined) return;
    known.set(people, health);
    for (const row of rows) label(row, health);
  };
  const ask = async (batch: string[]) => {
    const answer = await lookup(
      batch.map((people, index) => ({ key: String(index), addresses: people.split(' ') })),
    );
    const found = answer.status === 'ok' ? new Map(answer.rows.map((r) => [r.key, r.health])) : null;
    for (const [index, people] of batch.entries())
      settle(people, found ? (found.get(String(index)) ?? null) : undefined);
  };
  const flush = () => {
    scheduled = false;
    const batch = queued;
    queued = [];
    for (let at = 0; at < batch.length; at += maxRowsPerLookup)
      void ask(batch.slice(at, at + maxRowsPerLookup));
  };

  const stop = host.onThreadRowShown((row) => {
    if (ctx.isInvalid) return;
    row.onClose(() => closed.add(row));
    const people = peopleKey(row.addresses());
    if (!people) return;
    if (known.has(people)) return label(row, known.get(people) ?? null);
    const rows = waiting.get(people);
    if (rows) return void rows.push(row);
    waiting.set(people, [row]);
    queued.push(people);
    if (queued.length >= maxRowsPerLookup) flush();
    else if (!scheduled) {
      scheduled = true;
      ctx.setTimeout(flush, inboxBatchWindowMs);
    }
  });
  ctx.onInvalidated(stop);
}

/** The row's people as one key: each address once, lower-cased, in order; '' when it names no one. */
function peopleKey(addresses: string[]): string {
  const unique = [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter((a) => a.includes('@')))];
  return unique.sort().slice(0, maxAddressesPerRow).join(' ');
}
