import { sql } from 'drizzle-orm';
import type { BookEntry, HealthBand, HealthBookInput } from '../../shared/api/health.ts';
import { decodeCursor, encodeCursor } from '../customers/cursor.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { StoredDriver } from './model/components.ts';
import { driverSentence } from './model/sentences.ts';

type BookRow = {
  customer_id: string;
  name: string;
  owner_id: string | null;
  arr_minor: string | number;
  currency: string;
  renewal_date: string | null;
  score: number;
  band: HealthBand;
  confidence: number;
  delta_7d: number | null;
  delta_30d: number | null;
  delta_90d: number | null;
  drivers: StoredDriver[] | string;
  open_alerts: number;
};

function topConcern(drivers: StoredDriver[]): string | null {
  const worst = drivers.filter((d) => d.contribution < 0).sort((a, b) => a.contribution - b.contribution)[0];
  return worst ? driverSentence(worst) : null;
}

/** The book of business, weakest first, by the current scores (keyset pages on score, then id). */
export async function healthBook(
  deps: OrgDeps,
  input: HealthBookInput,
): Promise<{ items: BookEntry[]; nextCursor: string | null }> {
  const { db, principal, clock } = deps;
  const orgId = principal.orgId;
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  if (after && !Number.isFinite(Number(after[0]))) throw new DomainError('BAD_REQUEST', 'invalid cursor');
  const today = clock.now().toISOString().slice(0, 10);
  const rows = await db.execute<BookRow>(sql`
    select s.customer_id, c.name, c.owner_id, c.arr_minor, c.currency, c.renewal_date::text as renewal_date,
      s.score, s.band, s.confidence, s.delta_7d, s.delta_30d, s.delta_90d, s.drivers,
      (select count(*)::int from health_alerts a where a.org_id = ${orgId} and a.customer_id = s.customer_id
        and a.acknowledged_at is null) as open_alerts
    from health_scores s
    join customers c on c.org_id = ${orgId} and c.id = s.customer_id
    where s.org_id = ${orgId}
      ${input.band ? sql`and s.band = ${input.band}` : sql``}
      ${input.ownerId ? sql`and c.owner_id = ${input.ownerId}` : sql``}
      ${
        input.renewalWithinDays !== undefined
          ? sql`and c.renewal_date >= ${today}::date and c.renewal_date <= ${today}::date + ${input.renewalWithinDays}::int`
          : sql``
      }
      ${after ? sql`and (s.score, s.customer_id) > (${Number(after[0])}::float8, ${after[1]}::uuid)` : sql``}
    order by s.score, s.customer_id
    limit ${input.limit + 1}`);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      customerId: r.customer_id,
      customerName: r.name,
      ownerId: r.owner_id,
      arrMinor: Number(r.arr_minor),
      currency: r.currency,
      renewalDate: r.renewal_date,
      score: r.score,
      band: r.band,
      confidence: r.confidence,
      deltas: { d7: r.delta_7d, d30: r.delta_30d, d90: r.delta_90d },
      topConcern: topConcern(
        typeof r.drivers === 'string' ? (JSON.parse(r.drivers) as StoredDriver[]) : r.drivers,
      ),
      openAlerts: r.open_alerts,
    })),
    nextCursor:
      rows.length > input.limit && last ? encodeCursor([String(last.score), last.customer_id]) : null,
  };
}
