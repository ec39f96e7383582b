import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database, Db } from '../backend/db/client.ts';
import { inOrg } from '../backend/db/tenancy.ts';
import { recentDays } from '../backend/health/recent-scores.ts';
import { recomputeBatchTargetMs, recomputeCustomers, recomputeOrg } from '../backend/health/recompute.ts';
import type { AiCallsOptions } from './ai-calls.ts';
import { issueBenchToken } from './book.ts';
import { startBenchServer } from './draft-measurements.ts';
import { type HealthBook, healthBenchAsOf, openHealthBook } from './health-book.ts';
import { type BenchRow, type Summary, summarise } from './stats.ts';

const runsPerSize = 3;

/**
 * The database's own grouped INSERT … SELECT over the same signals, into a scratch table emptied
 * first (untimed): the floor. Emptied, because the embedded database never vacuums it, and each
 * run's upsert over the last run's rows would leave it bloated and the floor slower run after run.
 */
async function bareGroupedInsert(database: Database, book: HealthBook): Promise<number> {
  const asOf = healthBenchAsOf.toISOString();
  await database.sql.unsafe(`create unlogged table if not exists bench_health_floor (
    customer_id uuid primary key, au30 float8, au_prev float8, lg30 float8, lg_prev float8, ad30 float8, seats float8, nps float8)`);
  await database.sql.unsafe('truncate bench_health_floor');
  const started = performance.now();
  await database.db.execute(sql`
    insert into bench_health_floor as f
    select customer_id,
      avg(value) filter (where kind = 'usage.active_users' and observed_at > ${asOf}::timestamptz - interval '30 days'),
      avg(value) filter (where kind = 'usage.active_users' and observed_at <= ${asOf}::timestamptz - interval '30 days'
        and observed_at > ${asOf}::timestamptz - interval '60 days'),
      avg(value) filter (where kind = 'usage.logins' and observed_at > ${asOf}::timestamptz - interval '30 days'),
      avg(value) filter (where kind = 'usage.logins' and observed_at <= ${asOf}::timestamptz - interval '30 days'
        and observed_at > ${asOf}::timestamptz - interval '60 days'),
      avg(value) filter (where kind = 'usage.feature_adoption' and observed_at > ${asOf}::timestamptz - interval '30 days'),
      max(value) filter (where kind = 'usage.seats'),
      avg(value) filter (where kind = 'survey.nps')
    from health_signals
    where org_id = ${book.org.id} and observed_at > ${asOf}::timestamptz - interval '180 days' and observed_at <= ${asOf}::timestamptz
    group by customer_id
    on conflict (customer_id) do update set au30 = excluded.au30, au_prev = excluded.au_prev, lg30 = excluded.lg30,
      lg_prev = excluded.lg_prev, ad30 = excluded.ad30, seats = excluded.seats, nps = excluded.nps`);
  return performance.now() - started;
}

const orgRunner = (database: Database, book: HealthBook) => ({
  orgId: book.org.id,
  now: healthBenchAsOf,
  inOrg: <T>(work: (tx: Db) => Promise<T>) => inOrg(database.db, book.org.id, work),
});

/** Where a recompute's time goes: each part's total over a run, in ms. */
export interface RecomputeParts {
  features: number;
  priorScores: number;
  write: number;
  /** The batches' other statements (the write's settings, the model and slices read first). */
  otherStatements: number;
  /** In a transaction but in no statement: BEGIN, entering the org, COMMIT. */
  transactions: number;
  /** Outside any transaction: the scoring in TS, the pacing. */
  scoring: number;
}

const dialect = new PgDialect();

/** Which part of a batch a statement is, by what it reads or writes first. */
function partOf(query: SQL): keyof RecomputeParts {
  const text = dialect.sqlToQuery(query).sql;
  if (text.includes('with bounds as')) return 'features';
  if (text.includes('from health_scores cur')) return 'priorScores';
  if (text.includes('insert into health_score_history')) return 'write';
  return 'otherStatements';
}

/**
 * `orgRunner` with a clock on every transaction and every statement in it: each statement's time
 * goes to its part, the rest of the transaction to `transactions`; `inTransactions` sums them, so
 * that what a run spent outside any (`scoring`) is its time less that.
 */
function clockedRunner(database: Database, book: HealthBook, parts: RecomputeParts) {
  const clock = { inTransactions: 0 };
  const runner = {
    ...orgRunner(database, book),
    inOrg: async <T>(work: (tx: Db) => Promise<T>): Promise<T> => {
      const started = performance.now();
      let inStatements = 0;
      try {
        return await inOrg(database.db, book.org.id, (tx) =>
          work(
            new Proxy(tx, {
              get(target, property, receiver) {
                if (property !== 'execute') return Reflect.get(target, property, receiver);
                return async (query: SQL) => {
                  const at = performance.now();
                  try {
                    return await target.execute(query);
                  } finally {
                    const ms = performance.now() - at;
                    parts[partOf(query)] += ms;
                    inStatements += ms;
                  }
                };
              },
            }),
          ),
        );
      } finally {
        const ms = performance.now() - started;
        clock.inTransactions += ms;
        parts.transactions += ms - inStatements;
      }
    },
  };
  return { runner, clock };
}

const noParts = (): RecomputeParts => ({
  features: 0,
  priorScores: 0,
  write: 0,
  otherStatements: 0,
  scoring: 0,
  transactions: 0,
});

/**
 * What each timed recompute starts from: the book as the daily schedule leaves it, every customer
 * scored each of the last `recentDays` days (a history row a day, the current row's window of
 * recent scores full), as of `healthBenchAsOf`'s day. It is kept aside (untimed) so that every run
 * is the next day's recompute — a new history row per customer, the current row moved on, the
 * windows a day further — and is put back after it.
 */
async function keepScoresAside(database: Database, book: HealthBook): Promise<void> {
  const org = book.org.id;
  const day = healthBenchAsOf.toISOString().slice(0, 10);
  const [steady] = await database.sql<{ n: number }[]>`
    select count(*)::int as n from health_scores
    where org_id = ${org} and day = ${day} and cardinality(recent_scores) = ${recentDays}`;
  // A fresh bench database, a run stopped half-way, or a book kept before the windows were: set up afresh.
  if ((steady?.n ?? 0) !== book.customers) await scoreDailyFor(database, book, day);
  await database.sql.unsafe(`drop table if exists bench_health_scores_${book.customers}`);
  await database.sql.unsafe(
    `create unlogged table bench_health_scores_${book.customers} as select * from health_scores where org_id = '${org}'`,
  );
}

/**
 * The book scored as of `day`, then as if each customer had had that score every day before it:
 * the history's rows for the `recentDays - 1` days before, and the current row's full window.
 */
async function scoreDailyFor(database: Database, book: HealthBook, day: string): Promise<void> {
  const org = book.org.id;
  process.stdout.write(
    `health book of ${book.customers.toLocaleString('en')}: scoring ${recentDays} days …\n`,
  );
  await database.sql`delete from health_alerts where org_id = ${org}`;
  await database.sql`delete from health_score_history where org_id = ${org}`;
  await database.sql`delete from health_scores where org_id = ${org}`;
  await recomputeOrg({ ...orgRunner(database, book), now: healthBenchAsOf });
  for (let back = 1; back < recentDays; back++)
    await database.sql`
      insert into health_score_history (org_id, customer_id, day, score, band, confidence, model_version,
        computed_at, components)
      select org_id, customer_id, day - ${back}::int, score, band, confidence, model_version,
        computed_at - make_interval(days => ${back}), components
      from health_score_history where org_id = ${org} and day = ${day}`;
  await database.sql`
    update health_scores set recent_scores = array_fill(round(score * 100)::smallint, array[${recentDays}::int])
    where org_id = ${org}`;
  await database.sql.unsafe('analyze health_scores, health_score_history');
}

async function putScoresBack(database: Database, book: HealthBook, day: string, since: Date): Promise<void> {
  const org = book.org.id;
  const kept = `bench_health_scores_${book.customers}`;
  await database.sql`delete from health_score_history where org_id = ${org} and day = ${day}`;
  await database.sql.unsafe(`update health_scores c set day = k.day, score = k.score, band = k.band,
    confidence = k.confidence, drivers = k.drivers, delta_7d = k.delta_7d, delta_30d = k.delta_30d,
    delta_90d = k.delta_90d, alert_conditions = k.alert_conditions, recent_scores = k.recent_scores,
    earlier_day = k.earlier_day, earlier_score = k.earlier_score, computed_at = k.computed_at
    from ${kept} k where c.org_id = '${org}' and c.org_id = k.org_id and c.customer_id = k.customer_id`);
  await database.sql`delete from health_alerts where org_id = ${org} and created_at >= ${since.toISOString()}`;
}

const nextDay = new Date(healthBenchAsOf.getTime() + 86_400_000);

/** The next day's recompute of the whole book (timed), then the book put back as it was (untimed). */
async function fullRecompute(database: Database, book: HealthBook) {
  const since = new Date();
  const result = await timedRecompute(database, book);
  await putScoresBack(database, book, nextDay.toISOString().slice(0, 10), since);
  return result;
}

async function timedRecompute(database: Database, book: HealthBook) {
  const batches: number[] = [];
  const parts = noParts();
  const { runner, clock } = clockedRunner(database, book, parts);
  let last = performance.now();
  const started = last;
  const outcome = await recomputeOrg({
    ...runner,
    now: nextDay,
    onProgress: () => {
      const now = performance.now();
      batches.push(now - last);
      last = now;
    },
  });
  const ms = performance.now() - started;
  parts.scoring = ms - clock.inTransactions;
  return { ms, batches, parts, scored: outcome.scored };
}

const partNames: Record<keyof RecomputeParts, string> = {
  features: 'the features statements',
  priorScores: 'the prior-score statements',
  write: 'the write statements (history, current score, alerts)',
  otherStatements: 'the other statements (settings, model, slices)',
  transactions: 'BEGIN, the org entered, COMMIT',
  scoring: 'outside any transaction: the scoring in TS, the pacing',
};

/** One row a part of the recompute: its total over each run. */
function partRows(parts: RecomputeParts[], size: string): BenchRow[] {
  return (Object.keys(partNames) as (keyof RecomputeParts)[]).map((part) => ({
    name: `… of the ${size} recompute: ${partNames[part]}, ms a run`,
    summary: summarise(parts.map((run) => run[part])),
    unit: 'ms' as const,
  }));
}

/** A ping every 10 ms through the server while `work` runs: how long a request waits meanwhile. */
async function pingsDuring(ping: () => Promise<number>, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  let done = false;
  const pinger = (async () => {
    while (!done) {
      samples.push(await ping());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  await work();
  done = true;
  await pinger;
  return samples;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Issue 12's health rows: the full recompute (the next day's) at 10k and 50k customers beside the database's own
 * grouped INSERT … SELECT over the same signals (same run, interleaved), a no-op's latency while the
 * 50k recompute runs beside its quiet latency, a single customer's recompute and the inbox lookup.
 */
export async function measureHealth(
  options: AiCallsOptions,
): Promise<{ rows: BenchRow[]; details: unknown }> {
  const { database } = options;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const books = [await openHealthBook(database, 10_000, log), await openHealthBook(database, 50_000, log)];
  const rows: BenchRow[] = [];
  const details: Record<string, unknown> = {};
  for (const book of books) {
    await keepScoresAside(database, book);
    const floors: number[] = [];
    const recomputes: number[] = [];
    let batches: number[] = [];
    const parts: RecomputeParts[] = [];
    for (let run = 0; run < runsPerSize; run++) {
      floors.push(await bareGroupedInsert(database, book));
      const result = await fullRecompute(database, book);
      recomputes.push(result.ms);
      batches = batches.concat(result.batches);
      parts.push(result.parts);
    }
    const floor = summarise(floors);
    const recompute = summarise(recomputes);
    const ratio = recompute.p50 / floor.p50;
    const perSecond = (ms: number) => Math.round((book.customers / ms) * 1000).toLocaleString('en');
    const size = book.customers.toLocaleString('en');
    const batch = summarise(batches);
    rows.push({
      name: `health recompute, all ${size} customers (${book.signals.toLocaleString('en')} signals), ms — ${perSecond(recompute.p50)} customers/s`,
      summary: recompute,
      unit: 'ms',
      budget: book.customers >= 50_000 ? '≤ 3 s and ≤ 1.5× the floor' : '≤ 1.5× the floor',
      verdict:
        (book.customers < 50_000 || recompute.p50 <= 3000) && ratio <= 1.5 ? 'within budget' : 'over budget',
      note: `${ratio.toFixed(2)}× the floor; ${Math.round(batches.length / runsPerSize)} batches a run (each of its two transactions sized to ≈ ${recomputeBatchTargetMs} ms), p50 ${batch.p50.toFixed(1)} / max ${batch.max.toFixed(1)} ms`,
    });
    rows.push({
      name: `floor: one grouped INSERT … SELECT over the same signals (${size} customers), ms — ${perSecond(floor.p50)} customers/s`,
      summary: floor,
      unit: 'ms',
      verdict: 'floor',
    });
    if (book.customers >= 50_000) rows.push(...partRows(parts, size));
    details[`recompute${book.customers}`] = {
      floorMs: floors,
      recomputeMs: recomputes,
      batches: batch,
      parts,
      ratio,
    };
    log(
      `health ${size}: recompute ${seconds(recompute.p50)} beside the floor ${seconds(floor.p50)} (${ratio.toFixed(2)}×)`,
    );
  }

  const [small, big] = books as [HealthBook, HealthBook];
  const token = await issueBenchToken(database, small.org, 'health-bench@cscx-bench.example');
  const server = await startBenchServer({ ...options, token }, { CSCX_AI_PROVIDER: 'local' });
  try {
    const ping = async () => {
      const started = performance.now();
      await server.client.system.ping.query();
      return performance.now() - started;
    };
    for (let i = 0; i < 50; i++) await ping();
    const quiet: number[] = [];
    for (let i = 0; i < 300; i++) quiet.push(await ping());
    const since = new Date();
    const during = await pingsDuring(ping, () => timedRecompute(database, big));
    await putScoresBack(database, big, nextDay.toISOString().slice(0, 10), since);
    const quietSummary = summarise(quiet);
    const duringSummary = summarise(during);
    rows.push({
      name: 'system.ping at the client, quiet, ms',
      summary: quietSummary,
      unit: 'ms',
      verdict: 'floor',
    });
    rows.push({
      name: `system.ping at the client while all ${big.customers.toLocaleString('en')} customers are recomputed, ms`,
      summary: duringSummary,
      unit: 'ms',
      budget: 'no request waits > 100 ms',
      verdict: duringSummary.max <= 100 ? 'within budget' : 'over budget',
    });

    const [{ ids }] = [
      await inOrg(database.db, small.org.id, async (tx) => ({
        ids: (
          await tx.execute<{ id: string; domain: string }>(
            sql`select customer_id as id, domain from customer_domains where org_id = ${small.org.id} order by domain limit 200`,
          )
        ).map((r) => ({ id: r.id, domain: r.domain })),
      })),
    ];
    const single: number[] = [];
    for (let i = 0; i < 60; i++) {
      const target = ids[i % ids.length];
      if (!target) break;
      const started = performance.now();
      await recomputeCustomers(orgRunner(database, small), [target.id]);
      if (i >= 10) single.push(performance.now() - started);
    }
    rows.push({
      name: 'health recompute of one customer (its batch of one), ms',
      summary: summarise(single),
      unit: 'ms',
    });

    const page = (offset: number) =>
      Array.from({ length: 50 }, (_, i) => {
        const target = ids[(offset + i) % ids.length];
        return {
          key: `thread-${i}`,
          addresses: [`someone@${target?.domain}`, `colleague@cscx-bench.example`],
        };
      });
    const lookups: number[] = [];
    for (let i = 0; i < 110; i++) {
      const started = performance.now();
      const answer = await server.client.health.forThreads.query({ rows: page(i) });
      if (i >= 10) lookups.push(performance.now() - started);
      if (answer.rows.some((r) => r.health === null)) throw new Error('an inbox row found no score');
    }
    const lookup: Summary = summarise(lookups);
    rows.push({
      name: 'health.forThreads, a page of 50 inbox rows, at the client, ms',
      summary: lookup,
      unit: 'ms',
    });
    details.noOp = { quiet: quietSummary, during: duringSummary };
  } finally {
    await server.close();
  }
  return { rows, details };
}
