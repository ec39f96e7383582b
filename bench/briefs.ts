import { and, eq, sql } from 'drizzle-orm';
import { contacts, customers } from '../backend/db/schema.ts';
import { inOrg } from '../backend/db/tenancy.ts';
import type { AiCallsOptions } from './ai-calls.ts';
import { issueBenchToken } from './book.ts';
import { aYearOfCustomer } from './briefs-account.ts';
import { startBenchServer } from './draft-measurements.ts';
import { type BenchRow, summarise } from './stats.ts';

const benchCustomer = 'Brief Bench Co';
const benchDomain = 'brief-bench.example';
/** Five emails a week for a year, with the monthly calls, tickets and NPS answers: ~330 entries. */
const emailsPerWeek = 5;
const warmUps = 5;

/** The bench customer, seeded once into the book's org (later runs reuse it). */
async function benchAccount(options: AiCallsOptions) {
  const { database, org, clock } = options;
  const found = await inOrg(database.db, org.id, (tx) =>
    tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.orgId, org.id), eq(customers.name, benchCustomer))),
  );
  const customerId =
    found[0]?.id ??
    (
      await aYearOfCustomer(database.db, org.id, clock.now(), {
        name: benchCustomer,
        domain: benchDomain,
        emailsPerWeek,
      })
    ).customerId;
  const people = await inOrg(database.db, org.id, (tx) =>
    tx
      .select({ email: contacts.email, name: contacts.name })
      .from(contacts)
      .where(and(eq(contacts.orgId, org.id), eq(contacts.customerId, customerId))),
  );
  const [{ n } = { n: 0 }] = await inOrg(database.db, org.id, (tx) =>
    tx.execute<{ n: number }>(
      sql`select count(*)::int as n from activities where org_id = ${org.id} and customer_id = ${customerId}`,
    ),
  );
  return { customerId, people, activities: n };
}

/**
 * Issue 14's brief row: `meetings.brief` generating a new brief (a new event id each call, so
 * nothing kept is reused) for a customer with a year of history, through the HTTP stack with the
 * local provider; beside the kept brief opened again, the customer lookup the sidebar makes for the
 * same guests, and an authenticated no-op, all in the same run.
 */
export async function measureBriefs(
  options: AiCallsOptions,
): Promise<{ rows: BenchRow[]; details: unknown }> {
  const { database, org } = options;
  const account = await benchAccount(options);
  const token = await issueBenchToken(database, org, 'briefs-bench@cscx-bench.example');
  const server = await startBenchServer({ ...options, token }, { CSCX_AI_PROVIDER: 'local' });
  const run = `bench-${Date.now()}`;
  const event = (i: number) => ({
    eventId: `${run}-${i}`,
    title: `${benchCustomer} QBR`,
    start: new Date(options.clock.now().getTime() + 86_400_000).toISOString(),
    attendees: [...account.people, { email: 'briefs-bench@cscx-bench.example', name: 'Bench' }],
  });
  const calls = Math.max(30, Math.min(options.calls, 200));
  const time = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  try {
    const generate: number[] = [];
    const reopen: number[] = [];
    const lookup: number[] = [];
    const ping: number[] = [];
    const emails = account.people.map((p) => p.email);
    for (let i = 0; i < calls + warmUps; i++) {
      const sample = {
        generate: await time(async () => {
          const answer = await server.client.meetings.brief.query(event(i));
          if (answer.kind !== 'brief') throw new Error(`the bench event got ${answer.kind}`);
        }),
        reopen: await time(() => server.client.meetings.brief.query(event(i))),
        lookup: await time(() => server.client.customers.context.query({ emails })),
        ping: await time(() => server.client.system.ping.query()),
      };
      if (i < warmUps) continue;
      generate.push(sample.generate);
      reopen.push(sample.reopen);
      lookup.push(sample.lookup);
      ping.push(sample.ping);
    }
    const history = `${account.activities.toLocaleString('en')} activities over a year`;
    return {
      rows: [
        {
          name: `meetings.brief, new brief, local provider (${history}), ms`,
          summary: summarise(generate),
          unit: 'ms',
          note: 'read, wording and write in three steps; no budget in DESIGN.md',
        },
        { name: 'meetings.brief, the kept brief opened again, ms', summary: summarise(reopen), unit: 'ms' },
        {
          name: 'peer: customers.context for the same guests, ms',
          summary: summarise(lookup),
          unit: 'ms',
          verdict: 'floor',
        },
        {
          name: 'floor: system.ping at the client, ms',
          summary: summarise(ping),
          unit: 'ms',
          verdict: 'floor',
        },
      ],
      details: { activities: account.activities, calls },
    };
  } finally {
    await server.close();
    await inOrg(database.db, org.id, (tx) =>
      tx.execute(sql`delete from meeting_briefs where org_id = ${org.id} and event_key like ${`${run}-%`}`),
    );
  }
}
