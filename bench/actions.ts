import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { actions } from '../backend/actions/schema.ts';
import { inOrg } from '../backend/db/tenancy.ts';
import type { ActionRequest } from '../shared/api/actions.ts';
import { type ActionsScene, openActionsScene } from './actions-scene.ts';
import type { AiCallsOptions } from './ai-calls.ts';
import { type BenchRow, summarise } from './stats.ts';

type OutboundKind = 'email.send' | 'calendar.create_event' | 'slack.post';
const kinds: OutboundKind[] = ['email.send', 'calendar.create_event', 'slack.post'];

function requestOf(kind: OutboundKind, n: number): ActionRequest {
  if (kind === 'email.send')
    return {
      kind,
      payload: { to: ['dana@acme.example'], cc: [], references: [], subject: `Bench ${n}`, body: 'Hi Dana' },
    };
  if (kind === 'calendar.create_event')
    return {
      kind,
      payload: {
        summary: `Bench ${n}`,
        start: { dateTime: '2027-03-01T10:00:00+01:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2027-03-01T10:30:00+01:00', timeZone: 'Europe/Berlin' },
        attendees: ['dana@acme.example'],
        conference: false,
      },
    };
  return { kind, payload: { channel: 'C0FAKERENEWALS', text: `Bench ${n}` } };
}

/** Resolves at each call a fake receives (a message stored, an event made, a post taken), in order. */
function arrivals(scene: ActionsScene) {
  const times: number[] = [];
  let waiting: ((at: number) => void) | undefined;
  const arrived = () => {
    const at = performance.now();
    times.push(at);
    waiting?.(at);
    waiting = undefined;
    return undefined;
  };
  scene.gmail.onSend = arrived;
  scene.calendar.onInsert = arrived;
  scene.slack.onPost = arrived;
  return {
    times,
    next: () => new Promise<number>((resolve) => (waiting = resolve)),
  };
}

async function propose(scene: ActionsScene, request: ActionRequest): Promise<string> {
  const { id } = await scene.csm.actions.propose.mutate({
    ...request,
    customerId: scene.customerId,
    reason: 'Bench',
  });
  return id;
}

async function waitUntilFinished(scene: ActionsScene, orgId: string, ids: string[]): Promise<void> {
  for (;;) {
    const rows = await inOrg(scene.database.db, orgId, (tx) =>
      tx
        .select({ status: actions.status })
        .from(actions)
        .where(and(eq(actions.orgId, orgId), inArray(actions.id, ids))),
    );
    if (rows.every((r) => r.status === 'done' || r.status === 'dead')) return;
    await sleep(10);
  }
}

/** The measured actions that took more than one run: a retry's backoff would be an outlier's cause. */
async function retriedOf(scene: ActionsScene, orgId: string, ids: string[]) {
  const rows = await inOrg(scene.database.db, orgId, (tx) =>
    tx
      .select({ kind: actions.kind, attempts: actions.attempts })
      .from(actions)
      .where(and(eq(actions.orgId, orgId), inArray(actions.id, ids))),
  );
  return rows.filter((r) => r.attempts > 1);
}

/** Runs what an earlier, interrupted bench left in the queue, so that it is not counted in this one's. */
async function drainLeftovers(scene: ActionsScene, orgId: string): Promise<number> {
  const due = async () => {
    const [row] = await scene.database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from jobs
      where queue = 'actions.execute' and org_id = ${orgId} and state in ('queued', 'running') and run_at <= now()`);
    return Number(row?.n ?? 0);
  };
  const left = await due();
  if (left === 0) return 0;
  const worker = scene.startWorker();
  const until = Date.now() + 120_000;
  while ((await due()) > 0 && Date.now() < until) await sleep(100);
  await worker.stop();
  return left;
}

/** Actions of one kind approved ahead, then one worker runs them: the time between the fake's arrivals. */
async function throughput(scene: ActionsScene, orgId: string, kind: OutboundKind, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await propose(scene, requestOf(kind, i));
    await scene.csm.actions.approve.mutate({ id });
    ids.push(id);
  }
  const seen = arrivals(scene);
  const started = performance.now();
  const worker = scene.startWorker();
  await waitUntilFinished(scene, orgId, ids);
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  const gaps = seen.times.map((at, i) => at - (i === 0 ? started : (seen.times[i - 1] ?? started)));
  return { perSecond: count / seconds, gaps, arrived: seen.times.length };
}

/**
 * One approval at a time, each at a random point of the worker's polling cycle: the time from the
 * approval's answer to the fake receiving the call, the approval's own round trip, and a ping's.
 */
async function latency(scene: ActionsScene, orgId: string, samples: number) {
  const worker = scene.startWorker();
  const seen = arrivals(scene);
  // A new worker's first looks (the hourly prune of finished jobs among them) and the first calls of
  // each kind are not what an approval waits for on a running server.
  const warmUp = [];
  for (const [i, kind] of kinds.entries()) {
    const id = await propose(scene, requestOf(kind, -1 - i));
    await scene.csm.actions.approve.mutate({ id });
    warmUp.push(id);
  }
  await waitUntilFinished(scene, orgId, warmUp);
  const byKind = Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<OutboundKind, number[]>;
  const approve: number[] = [];
  const proposeTimes: number[] = [];
  const ping: number[] = [];
  const measured: string[] = [];
  for (let i = 0; i < samples * kinds.length; i++) {
    const kind = kinds[i % kinds.length] as OutboundKind;
    const proposing = performance.now();
    const id = await propose(scene, requestOf(kind, i));
    proposeTimes.push(performance.now() - proposing);
    const pinging = performance.now();
    await scene.csm.system.ping.query();
    ping.push(performance.now() - pinging);
    await sleep(Math.random() * scene.pollMs);
    const arrival = seen.next();
    const approving = performance.now();
    await scene.csm.actions.approve.mutate({ id });
    const approved = performance.now();
    approve.push(approved - approving);
    byKind[kind].push((await arrival) - approved);
    await waitUntilFinished(scene, orgId, [id]);
    measured.push(id);
  }
  await worker.stop();
  return { byKind, approve, propose: proposeTimes, ping, retried: await retriedOf(scene, orgId, measured) };
}

/** A bare INSERT of one row like an action's, in its own transaction: what any bookkeeping costs at least. */
async function bareInserts(scene: ActionsScene, count: number): Promise<number[]> {
  const { sql } = scene.database;
  await sql`create table if not exists bench_action_floor (
    id uuid primary key default gen_random_uuid(), payload jsonb not null, created_at timestamptz not null default now())`;
  const payload = requestOf('email.send', 0).payload;
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await sql.begin(
      (tx) => tx`insert into bench_action_floor (payload) values (${JSON.stringify(payload)}::jsonb)`,
    );
    samples.push(performance.now() - started);
  }
  await sql`truncate bench_action_floor`;
  return samples;
}

const kindLabel: Record<OutboundKind, string> = {
  'email.send': 'email.send (Gmail)',
  'calendar.create_event': 'calendar.create_event (Calendar)',
  'slack.post': 'slack.post (Slack)',
};

/**
 * `--only actions`: the action queue against the fake Gmail, Calendar and Slack (in this process),
 * through a server over the bench book and the server's own worker settings.
 */
export async function measureActions(
  options: AiCallsOptions,
): Promise<{ rows: BenchRow[]; details: unknown }> {
  const scene = await openActionsScene(options);
  const orgId = options.org.id;
  try {
    const leftovers = await drainLeftovers(scene, orgId);
    const queued = Math.max(20, Math.min(Math.round(options.calls), 100));
    const runs: Record<string, { perSecond: number; arrived: number }> = {};
    const rows: BenchRow[] = [];
    for (const kind of kinds) {
      const run = await throughput(scene, orgId, kind, queued);
      runs[kind] = { perSecond: run.perSecond, arrived: run.arrived };
      rows.push({
        name: `${kindLabel[kind]}: ${queued} approved ahead, one worker — ${run.perSecond.toFixed(1)} actions/s (time between the fake's arrivals)`,
        summary: summarise(run.gaps),
        unit: 'ms',
      });
    }
    const samples = Math.max(10, Math.min(Math.round(options.calls), 40));
    const timed = await latency(scene, orgId, samples);
    const budget = scene.pollMs + 200;
    for (const kind of kinds) {
      const summary = summarise(timed.byKind[kind]);
      rows.push({
        name: `${kindLabel[kind]}: approval answered → the fake receives the call (worker polls every ${scene.pollMs} ms)`,
        summary,
        unit: 'ms',
        budget: `p95 ≤ ${budget} ms (interval + 200)`,
        verdict: summary.p95 <= budget ? 'within budget' : 'over budget',
      });
    }
    rows.push(
      {
        name: 'actions.approve round trip (a conditional update, its audit row, the queued run, in one transaction)',
        summary: summarise(timed.approve),
        unit: 'ms',
      },
      {
        name: 'actions.propose round trip (the policy read, the action and its audit row)',
        summary: summarise(timed.propose),
        unit: 'ms',
      },
      {
        name: 'floor: system.ping round trip, same client',
        summary: summarise(timed.ping),
        unit: 'ms',
        verdict: 'floor',
      },
      {
        name: 'floor: a bare INSERT of one row in its own transaction (postgres.js, same database)',
        summary: summarise(await bareInserts(scene, timed.approve.length)),
        unit: 'ms',
        verdict: 'floor',
      },
    );
    return {
      rows,
      details: {
        pollMs: scene.pollMs,
        leftovers,
        queued,
        latencySamplesPerKind: samples,
        throughput: runs,
        retriedInLatency: timed.retried.length,
      },
    };
  } finally {
    await scene.close();
  }
}
