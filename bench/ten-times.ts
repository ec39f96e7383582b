import type { Clock } from '../backend/clock.ts';
import type { Config } from '../backend/config.ts';
import type { Database } from '../backend/db/client.ts';
import type { OrgRef } from '../backend/org/lookup.ts';
import { createServer } from '../backend/server.ts';
import { type BookSize, describeBook, issueBenchToken } from './book.ts';
import { drawContextCalls } from './context-workload.ts';
import { measureRawLookups, recordContextStatements } from './raw-lookup.ts';
import { benchSecretKey } from './secret-key.ts';
import { runSequentialCalls } from './sequential-client.ts';
import { type BenchRow, type Summary, summarise } from './stats.ts';

export interface BookUnderTest {
  book: BookSize;
  database: Database;
  org: OrgRef;
}

/** How much slower the 10× book may answer than the design book (DESIGN.md). */
const allowedGrowth = 1.2;

/**
 * `customers.context` on two books at once: calls to the design book's server and to the 10× book's
 * alternate, each followed by a ping on the same server, so that drift hits both books alike.
 */
export async function compareBooks(options: {
  small: BookUnderTest;
  large: BookUnderTest;
  clock: Clock;
  config: Config;
  calls: number;
  warmUp: number;
}): Promise<BenchRow[]> {
  const targets = await Promise.all(
    [options.small, options.large].map(async ({ database, org }) => {
      const server = await createServer({ config: options.config });
      server.attach({ database, clock: options.clock, config: options.config, secretKey: benchSecretKey });
      const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
      const token = await issueBenchToken(database, org, 'bench@cscx-bench.example');
      const workload = await drawContextCalls(database.db, org.id, options.calls + options.warmUp);
      const inputs = workload.map((w) => ({ emails: w.emails }));
      const statements = await recordContextStatements(database, token, options.clock, inputs);
      return { server, url, token, workload, statements, context: [] as number[], ping: [] as number[] };
    }),
  );
  // The SQL alone on each book, in alternating slices: is a difference the data's or the stack's?
  const slice = 50;
  const sqlTimes = targets.map(() => [] as number[]);
  for (let from = 0; from < options.calls + options.warmUp; from += slice) {
    for (const [k, target] of targets.entries()) {
      const { database, org } = k === 0 ? options.small : options.large;
      const calls = target.statements.slice(from, from + slice);
      const raw = await measureRawLookups(database.sql, org.id, calls, from === 0 ? options.warmUp : 0);
      sqlTimes[k]?.push(...raw.statementSamples);
    }
  }
  // One client on a thread of its own (bench/sequential-client.ts), alternating the two servers.
  const order = Array.from({ length: options.calls + options.warmUp }, (_, i) =>
    (i % 2 === 0 ? targets : [...targets].reverse()).flatMap((target) => {
      const item = target.workload[i];
      return item ? [{ target, i, item }] : [];
    }),
  ).flat();
  const answers = await runSequentialCalls(
    order.flatMap(({ target, item }) => [
      {
        url: target.url,
        procedure: 'customers.context',
        input: { emails: item.emails },
        token: target.token,
      },
      { url: target.url, procedure: 'system.ping', input: null, token: target.token },
    ]),
  );
  for (const [k, { target, i }] of order.entries()) {
    const [context, ping] = [answers[2 * k], answers[2 * k + 1]];
    if (i < options.warmUp || !context || !ping) continue;
    target.context.push(context.serverTime);
    target.ping.push(ping.serverTime);
  }
  for (const target of targets) await target.server.app.close();
  const [small, large] = targets.map((t, k) => ({
    context: summarise(t.context),
    ping: summarise(t.ping),
    sql: summarise(sqlTimes[k] ?? []),
  }));
  if (!small || !large) throw new Error('two books');
  const within = (a: Summary, b: Summary) => a.p50 <= b.p50 * allowedGrowth && a.p95 <= b.p95 * allowedGrowth;
  return [
    {
      name: `customers.context, server time, ${describeBook(options.small.book)} (interleaved with the next row)`,
      summary: small.context,
      unit: 'ms',
    },
    {
      name: `customers.context, server time, ${describeBook(options.large.book)}`,
      summary: large.context,
      unit: 'ms',
      budget: 'p50 and p95 within 20 % of the row above',
      verdict: within(large.context, small.context) ? 'within budget' : 'over budget',
    },
    {
      name: `the lookup statement alone without HTTP, ${describeBook(options.small.book)}`,
      summary: small.sql,
      unit: 'ms',
    },
    {
      name: `the lookup statement alone without HTTP, ${describeBook(options.large.book)}`,
      summary: large.sql,
      unit: 'ms',
    },
    {
      name: `floor: system.ping on the ${describeBook(options.small.book)} server`,
      summary: small.ping,
      unit: 'ms',
      verdict: 'floor',
    },
    {
      name: `floor: system.ping on the ${describeBook(options.large.book)} server`,
      summary: large.ping,
      unit: 'ms',
      verdict: 'floor',
    },
  ];
}
