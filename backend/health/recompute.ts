import { sql } from 'drizzle-orm';
import { healthComponents } from '../../shared/api/health.ts';
import type { Db } from '../db/client.ts';
import { alertConditions, alertsToRaise } from './alert-conditions.ts';
import { featuresFromRow } from './features-from-rows.ts';
import { type CustomerScope, type FeatureRow, readFeatureRows } from './features-query.ts';
import { scoreHealth } from './model/components.ts';
import { ensureCurrentModel, type OrgHealthModel, scoringModel } from './models.ts';
import { withScore } from './recent-scores.ts';
import {
  type AlertToRaise,
  type PriorScore,
  readPriorScores,
  type ScoreToWrite,
  scoreWriteOf,
  writeScores,
} from './score-writes.ts';

/** Opens one short org-scoped transaction (a job's `org.inOrg`, the CLI's, a test's). */
export type InOrg = <T>(work: (tx: Db) => Promise<T>) => Promise<T>;

export interface RecomputeDeps {
  orgId: string;
  inOrg: InOrg;
  now: Date;
}

/** The given customers' batches (`recomputeCustomers`): a signal's customer is a batch of one. */
export const recomputeBatchSize = 500;

/**
 * What each of an org recompute's batch transactions aims to last: a request that arrives meanwhile
 * waits for the transaction in progress (the embedded database has one connection), and none should
 * wait > 100 ms. A transaction now and then takes 2–3× its batch's usual time (measured on the
 * bench book), so the target leaves room for that and for the request's own time.
 */
export const recomputeBatchTargetMs = 30;

/**
 * An org recompute's batches are whole slices of this many customers, from 1 slice up to 20. The
 * first is small: it reads cold pages, and a request behind it would wait for all of them.
 */
const sliceSize = 50;
const maxSlices = 20;
const firstSlices = 2;

/**
 * How many slices the next batch takes, from how long the last one took: scaled toward the target,
 * at most doubling at a step (a quick batch of few rows says little), so a loaded machine gets
 * smaller batches (shorter waits, more of them) and a quiet one larger.
 */
export function nextSliceCount(slices: number, elapsedMs: number, targetMs = recomputeBatchTargetMs): number {
  const scaled = Math.round((slices * targetMs) / Math.max(elapsedMs, 1));
  return Math.min(maxSlices, slices * 2, Math.max(1, scaled));
}

export interface BatchOutcome {
  scored: number;
  alerts: number;
}

/** A batch's outcome, and how many customers it read (those with no data at all are not scored). */
type ReadBatchOutcome = BatchOutcome & { customers: number };

const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const delta = (now: number, before: number | null) =>
  before === null ? null : Math.round((now - before) * 100) / 100;

/**
 * The write's commit does not wait for its WAL to reach the disk (on the embedded database an
 * fsync, 1–2 ms a batch): everything it writes is worked out again from the signals, and a crash
 * loses at most the last batches whole (scores, alert conditions and alerts together), which the
 * next recompute writes again. The next commit that does wait flushes them too.
 */
const scoresAreDerived = sql`select set_config('synchronous_commit', 'off', true)`;

/** How long each of a batch's two transactions held the connection, in ms. */
export interface BatchTimes {
  readMs: number;
  writeMs: number;
}

/** How many times a batch reads again the customers whose current row was written meanwhile. */
const rereads = 3;

interface BatchInput {
  orgId: string;
  customers: CustomerScope;
  now: Date;
  model: OrgHealthModel;
  /** False for a replay of past days: no alert raised, no condition kept as holding. */
  raiseAlerts?: boolean;
}

/**
 * Scores a batch of customers as of `now` in two short transactions, with the scoring between them
 * outside any, so that a request waits at most for one of them: the features and the prior scores
 * read in one, the day's history row, the current score and the new alerts written in the other.
 * A customer whose current row was written in between (its own recompute, for a new signal) is
 * passed over by the write and read again: the score written last is then worked out from what was
 * read last, whichever recompute started first. A customer with no data at all gets no score.
 */
export async function recomputeBatch(
  inOrg: InOrg,
  input: BatchInput,
): Promise<ReadBatchOutcome & BatchTimes> {
  let { passedOver, ...outcome } = await readScoreWrite(inOrg, input);
  for (let i = 0; i < rereads && passedOver.length > 0; i++) {
    const again = await readScoreWrite(inOrg, { ...input, customers: passedOver });
    outcome.alerts += again.alerts;
    outcome.readMs = Math.max(outcome.readMs, again.readMs);
    outcome.writeMs = Math.max(outcome.writeMs, again.writeMs);
    passedOver = again.passedOver;
  }
  return outcome;
}

/** One read, scoring and write of a batch; the alerts counted are those of the customers written. */
async function readScoreWrite(
  inOrg: InOrg,
  input: BatchInput,
): Promise<ReadBatchOutcome & BatchTimes & { passedOver: string[] }> {
  const { orgId, customers, now, model, raiseAlerts = true } = input;
  if ('length' in customers && customers.length === 0)
    return { scored: 0, alerts: 0, customers: 0, readMs: 0, writeMs: 0, passedOver: [] };
  const day = utcDay(now);
  const readStarted = performance.now();
  const { featureRows, priorRows } = await inOrg(async (tx) => ({
    featureRows: await readFeatureRows(tx, orgId, customers, now),
    priorRows: await readPriorScores(tx, orgId, customers, day),
  }));
  const readMs = performance.now() - readStarted;
  const { scores, alerts } = scoreRows(featureRows, priorRows, { day, model, raiseAlerts });
  const write = scoreWriteOf({ orgId, day, now, modelVersion: model.version, scores, alerts });
  const writeStarted = performance.now();
  const passedOver =
    write.count === 0
      ? []
      : await inOrg(async (tx) => {
          await tx.execute(scoresAreDerived);
          return writeScores(tx, write);
        });
  const writeMs = performance.now() - writeStarted;
  const skipped = new Set(passedOver);
  return {
    scored: scores.length,
    alerts: alerts.filter((a) => !skipped.has(a.customerId)).length,
    customers: featureRows.length,
    readMs,
    writeMs,
    passedOver,
  };
}

/** The formulas over a batch's rows: each scored customer's score to write, and the alerts it raises. */
function scoreRows(
  featureRows: readonly FeatureRow[],
  priorRows: readonly PriorScore[],
  options: { day: string; model: OrgHealthModel; raiseAlerts: boolean },
): { scores: ScoreToWrite[]; alerts: AlertToRaise[] } {
  const { day, model, raiseAlerts } = options;
  const priors = new Map(priorRows.map((p) => [p.customer_id, p]));
  const scores: ScoreToWrite[] = [];
  const alerts: AlertToRaise[] = [];
  for (const row of featureRows) {
    const features = featuresFromRow(row, day);
    const result = scoreHealth(features, model);
    if (!result) continue;
    const prior = priors.get(row.customer_id);
    const conditions = raiseAlerts ? alertConditions(result, features, prior, model.dropAlertPoints) : [];
    alerts.push(...alertsToRaise(result, conditions, prior, row.customer_id));
    const byComponent = new Map(result.drivers.map((d) => [d.component, d.score]));
    scores.push({
      customerId: row.customer_id,
      readVersion: prior?.version ?? null,
      score: result.score,
      band: result.band,
      confidence: result.confidence,
      drivers: result.drivers,
      components: healthComponents.map((c) => byComponent.get(c) ?? null),
      delta7d: delta(result.score, prior?.score7 ?? null),
      delta30d: delta(result.score, prior?.score30 ?? null),
      delta90d: delta(result.score, prior?.score90 ?? null),
      alertConditions: conditions.map((c) => c.cause),
      recent: withScore(prior?.recent, day, result.score),
    });
  }
  return { scores, alerts };
}

/** The given customers (a signal's, a test's): one batch per `recomputeBatchSize`, each its own read and write. */
export async function recomputeCustomers(
  deps: RecomputeDeps,
  customerIds: readonly string[],
): Promise<BatchOutcome> {
  const model = await deps.inOrg(async (tx) =>
    scoringModel(await ensureCurrentModel(tx, deps.orgId, deps.now)),
  );
  const total = { scored: 0, alerts: 0 };
  for (let i = 0; i < customerIds.length; i += recomputeBatchSize) {
    const ids = customerIds.slice(i, i + recomputeBatchSize);
    const outcome = await recomputeBatch(deps.inOrg, {
      orgId: deps.orgId,
      customers: ids,
      now: deps.now,
      model,
    });
    total.scored += outcome.scored;
    total.alerts += outcome.alerts;
  }
  return total;
}

export interface OrgProgress {
  done: number;
  total: number;
  scored: number;
}

/**
 * Every customer of the org, in batches by id: where each slice starts is read once, then each batch
 * reads its range of slices in one short transaction, scores it outside any and writes it in
 * another, so requests get the embedded database's one connection between them; batches are sized
 * so that the longer of the two lasts about `recomputeBatchTargetMs` (a `batchSize` fixes them
 * instead). A customer added meanwhile falls in some range.
 */
export async function recomputeOrg(
  deps: RecomputeDeps & {
    onProgress?: (progress: OrgProgress) => Promise<void> | void;
    signal?: AbortSignal;
    /** Every batch this many customers, instead of sized to `targetBatchMs`. */
    batchSize?: number;
    /** What a batch aims to last (default `recomputeBatchTargetMs`). */
    targetBatchMs?: number;
    /**
     * False for a replay of past days (the demo's history): no alerts, and no condition kept as
     * holding, so the run of today raises what holds today.
     */
    raiseAlerts?: boolean;
  },
): Promise<BatchOutcome & { customers: number }> {
  const { model, starts, total } = await deps.inOrg(async (tx) => ({
    model: scoringModel(await ensureCurrentModel(tx, deps.orgId, deps.now)),
    ...(await sliceStarts(tx, deps.orgId, deps.batchSize ?? sliceSize)),
  }));
  const outcome = { scored: 0, alerts: 0, customers: 0 };
  let slices = deps.batchSize ? 1 : firstSlices;
  for (let i = 0, next = slices; i < starts.length && !deps.signal?.aborted; i = next) {
    next = i + slices;
    const customers = { fromId: starts[i] as string, beforeId: starts[next] ?? null };
    const batch = await recomputeBatch(deps.inOrg, {
      orgId: deps.orgId,
      customers,
      now: deps.now,
      model,
      ...(deps.raiseAlerts === undefined ? {} : { raiseAlerts: deps.raiseAlerts }),
    });
    outcome.customers += batch.customers;
    outcome.scored += batch.scored;
    outcome.alerts += batch.alerts;
    await deps.onProgress?.({
      done: outcome.customers,
      total: Math.max(total, outcome.customers),
      scored: outcome.scored,
    });
    // What a request may wait for is the longer of the two transactions, not the whole batch.
    const heldMs = Math.max(batch.readMs, batch.writeMs);
    if (!deps.batchSize) slices = nextSliceCount(slices, heldMs, deps.targetBatchMs);
  }
  return outcome;
}

/** The first id of every `size` customers in id order, and how many there are, in one scan. */
async function sliceStarts(
  tx: Db,
  orgId: string,
  size: number,
): Promise<{ starts: string[]; total: number }> {
  const rows = await tx.execute<{ id: string; total: number }>(sql`
    select id, total from (
      select id, row_number() over (order by id) - 1 as n, count(*) over ()::int as total
      from customers where org_id = ${orgId}) c
    where n % ${size} = 0 order by id`);
  return { starts: rows.map((r) => r.id), total: rows[0]?.total ?? 0 };
}
