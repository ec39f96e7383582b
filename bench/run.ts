/**
 * `npm run bench`: performance budgets from DESIGN.md, each beside a floor measured in the same run.
 * Prints a table and writes bench/results.json. Not a test: it asserts nothing, it measures.
 *
 *   --fresh            rebuild the benchmark database (kept in .bench-data/ between runs otherwise)
 *   --calls N          measured calls per procedure (default 400)
 *   --customers N --activities M   book size (default 10,000 / 500,000)
 *   --opens N          Calendar event opens measured in Chromium with the built extension (default 40)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { count, eq, inArray } from 'drizzle-orm';
import { sessionLifetimeMs } from '../backend/auth/principal.ts';
import { insertToken } from '../backend/auth/queries.ts';
import { issueToken } from '../backend/auth/secrets.ts';
import { systemClock } from '../backend/clock.ts';
import { loadConfig } from '../backend/config.ts';
import { openDatabase } from '../backend/db/client.ts';
import { migrateDatabase } from '../backend/db/migrate.ts';
import { activities, customers, users } from '../backend/db/schema.ts';
import { inOrg } from '../backend/db/tenancy.ts';
import { seedDemo } from '../backend/demo/seed.ts';
import { findOrCreateOrg } from '../backend/org/lookup.ts';
import { createServer } from '../backend/server.ts';
import { createUser } from '../backend/users/create.ts';
import { bundleTable, measureBundles } from './bundle-sizes.ts';
import {
  buildChromeExtensionForBench,
  type CalendarOpen,
  measureCalendarSidebar,
} from './calendar-sidebar.ts';
import { drawContextCalls, drawTopicCalls } from './context-workload.ts';
import { type BenchRow, markdownTable, summarise } from './stats.ts';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    calls: { type: 'string', default: '400' },
    customers: { type: 'string', default: '10000' },
    activities: { type: 'string', default: '500000' },
    opens: { type: 'string', default: '40' },
  },
});
const calls = Number(values.calls);
const book = { customers: Number(values.customers), activities: Number(values.activities) };
const dataDir = path.resolve(`.bench-data/${book.customers}-${book.activities}`);
const log = (line: string) => process.stderr.write(`${line}\n`);

if (values.fresh) rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const database = await openDatabase({ dataDir });
await migrateDatabase(database);
const org = await findOrCreateOrg(database.db, 'Bench');

const [existing] = await inOrg(database.db, org.id, (tx) => tx.select({ n: count() }).from(activities));
if ((existing?.n ?? 0) < book.activities) {
  log(`seeding ${book.customers} customers and ${book.activities} activities into ${dataDir} …`);
  const started = performance.now();
  await seedDemo(database.db, org, { ...book, now: new Date() });
  log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
await database.sql`analyze`;

const token = await benchToken();
const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', CSCX_RATE_LIMIT: '1000000' });
const server = await createServer({ config });
server.attach({ database, clock: systemClock, config });
const url = await server.app.listen({ host: '127.0.0.1', port: 0 });

const workload = await drawContextCalls(database.db, org.id, calls + 50);
const topicWorkload = await drawTopicCalls(database.db, org.id, org.name, calls + 50);
let wrong = 0;

async function call(procedure: string, input: unknown) {
  const started = performance.now();
  const response = await fetch(`${url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input ?? null),
  });
  const body = (await response.json()) as { result?: { data?: { customer?: { id: string } | null } } };
  const roundTrip = performance.now() - started;
  if (!response.ok) throw new Error(`${procedure}: HTTP ${response.status} ${JSON.stringify(body)}`);
  const serverTime = Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);
  return { serverTime, roundTrip, body };
}

/** Warm-up, then each lookup interleaved with the floor so drift hits both alike. */
async function measureLookups(items: { input: unknown; expectedCustomerId: string }[]) {
  const timings = { context: [] as number[], ping: [] as number[], contextRoundTrip: [] as number[] };
  for (const [i, item] of items.entries()) {
    const context = await call('customers.context', item.input);
    const ping = await call('system.ping', null);
    if (i < 50) continue;
    if (context.body.result?.data?.customer?.id !== item.expectedCustomerId) wrong++;
    timings.context.push(context.serverTime);
    timings.contextRoundTrip.push(context.roundTrip);
    timings.ping.push(ping.serverTime);
  }
  return timings;
}

const timings = await measureLookups(
  workload.map((w) => ({ input: { emails: w.emails }, expectedCustomerId: w.expectedCustomerId })),
);
const topicTimings = await measureLookups(
  topicWorkload.map(({ expectedCustomerId, ...input }) => ({ input, expectedCustomerId })),
);

const context = summarise(timings.context);
const byTopic = summarise(topicTimings.context);
const rows: BenchRow[] = [
  {
    name: `customers.context, server time (${book.customers.toLocaleString('en')} customers, ${book.activities.toLocaleString('en')} activities)`,
    summary: context,
    unit: 'ms',
    budget: 'p95 ≤ 10 ms',
    verdict: context.p95 <= 10 ? 'within budget' : 'over budget',
  },
  {
    name: 'floor: authenticated no-op (system.ping), server time',
    summary: summarise(timings.ping),
    unit: 'ms',
    verdict: 'floor',
  },
  {
    name: 'customers.context, client round trip (loopback HTTP)',
    summary: summarise(timings.contextRoundTrip),
    unit: 'ms',
  },
  {
    name: 'customers.context by Zoom topic (topic + 3 participant names), server time',
    summary: byTopic,
    unit: 'ms',
    budget: 'p95 ≤ 5 ms',
    verdict: byTopic.p95 <= 5 ? 'within budget' : 'over budget',
  },
  {
    name: 'floor: system.ping interleaved with the topic lookups, server time',
    summary: summarise(topicTimings.ping),
    unit: 'ms',
    verdict: 'floor',
  },
];

log('building the Chrome extension and opening Calendar events in Chromium …');
const extensionDir = await buildChromeExtensionForBench(() => {});
const calendarWarmUp = 5;
const calendar = await measureCalendarSidebar({
  extensionDir,
  backendUrl: url,
  token,
  email: 'bench@cscx-bench.example',
  opens: await calendarOpens(Number(values.opens) + calendarWarmUp),
  warmUp: calendarWarmUp,
});
const opened = summarise(calendar.openToPainted);
rows.push({
  name: 'Calendar: event details shown → Customer tab painted with data (Chromium, built extension, this backend)',
  summary: opened,
  unit: 'ms',
  // DESIGN.md: Calendar and Zoom p95 ≤ 100 ms (400 ms is Gmail's, where InboxSDK must load first).
  budget: 'p95 ≤ 100 ms',
  verdict: opened.p95 <= 100 ? 'within budget' : 'over budget',
});
const bundles = measureBundles(extensionDir);

const table = markdownTable(rows);
process.stdout.write(
  `\n${table}\n\nwrong customer returned: ${wrong} of ${timings.context.length + topicTimings.context.length}\n`,
);
process.stdout.write(
  `\nChrome build (${path.relative(process.cwd(), extensionDir)}):\n\n${bundleTable(bundles)}\n`,
);
const results = {
  at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  database: database.kind,
  rows,
  wrongCustomer: wrong,
  bundles: bundles.map(({ name, files, bytes, gzipBytes }) => ({ name, files, bytes, gzipBytes })),
};
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write('results written to bench/results.json\n');

await server.app.close();
await database.close();

/** Attendee sets drawn like the context workload, named by customer; neighbours never name the same one. */
async function calendarOpens(n: number): Promise<CalendarOpen[]> {
  const drawn = await drawContextCalls(database.db, org.id, n * 2, 7);
  const ids = [...new Set(drawn.map((d) => d.expectedCustomerId))];
  const named = await inOrg(database.db, org.id, (tx) =>
    tx.select({ id: customers.id, name: customers.name }).from(customers).where(inArray(customers.id, ids)),
  );
  const nameOf = new Map(named.map((c) => [c.id, c.name]));
  const opens: CalendarOpen[] = [];
  for (const call of drawn) {
    const customerName = nameOf.get(call.expectedCustomerId) ?? '';
    if (!customerName || opens.at(-1)?.customerName === customerName) continue;
    opens.push({ emails: call.emails, customerName });
    if (opens.length === n) break;
  }
  return opens;
}

async function benchToken(): Promise<string> {
  const email = 'bench@cscx-bench.example';
  const [user] = await inOrg(database.db, org.id, (tx) =>
    tx.select().from(users).where(eq(users.email, email)),
  );
  const member =
    user ??
    (await createUser(database.db, {
      orgId: org.id,
      email,
      name: 'Bench',
      role: 'csm',
      mustChangePassword: false,
      now: new Date(),
    }));
  const issued = issueToken('session');
  await inOrg(database.db, org.id, (tx) =>
    insertToken(tx, {
      orgId: org.id,
      userId: member.id,
      kind: 'session',
      prefix: issued.prefix,
      tokenHash: issued.hash,
      expiresAt: new Date(Date.now() + sessionLifetimeMs),
    }),
  );
  return issued.token;
}
