import { execFile } from 'node:child_process';
import { and, asc, count, eq, inArray, max, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import {
  activities,
  auditLog,
  contacts,
  contracts,
  customerDomains,
  customers,
  tasks,
  users,
} from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { seedDemo } from '../../backend/demo/seed.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { aMember, anOrg, type Member } from '../support/builders.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let testDb: TestDatabase;
let app: TestApp;
let db: Db;
let org: OrgRef;
let member: Member;
const now = new Date();

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  app = await startTestApp(testDb.database);
  org = await anOrg(db);
  member = await aMember(db, org, { role: 'viewer' });
  await seedDemo(db, org, { customers: 150, activities: 6000, now });
});
afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

const inDemoOrg = <T>(work: (tx: Db) => Promise<T>, target: OrgRef = org) => inOrg(db, target.id, work);

async function tableState(target: OrgRef) {
  return inDemoOrg(async (tx) => {
    const state: Record<string, unknown> = {};
    for (const [name, table] of Object.entries({
      customers,
      contacts,
      contracts,
      activities,
      tasks,
      users,
    })) {
      const [row] = await tx.select({ n: count(), last: max(table.updatedAt) }).from(table);
      state[name] = row;
    }
    const [domains] = await tx.select({ n: count() }).from(customerDomains);
    const [audit] = await tx.select({ n: count() }).from(auditLog);
    return { ...state, domains: domains?.n, audit: audit?.n };
  }, target);
}

describe('seed-demo', () => {
  it('gives customers.context the customer of a demo contact, and nothing for an unknown gmail.com address', async () => {
    const [contact] = await inDemoOrg((tx) =>
      tx
        .select({ email: contacts.email, customerId: contacts.customerId, name: customers.name })
        .from(contacts)
        .innerJoin(customers, eq(customers.id, contacts.customerId))
        .where(eq(contacts.source, 'demo'))
        .orderBy(asc(contacts.externalId))
        .limit(1),
    );
    const client = app.client(member.token);

    const known = await client.customers.context.query({ emails: [contact!.email] });
    expect(known.customer).toMatchObject({ id: contact!.customerId, name: contact!.name });
    expect(known.customer?.matchedContacts.map((c) => c.email)).toEqual([contact!.email]);
    expect(known.customer?.recentActivities.length).toBeGreaterThan(0);

    const stranger = await client.customers.context.query({ emails: ['someone.unknown@gmail.com'] });
    expect(stranger).toEqual({
      candidates: [],
      customer: null,
      unmatchedEmails: ['someone.unknown@gmail.com'],
    });
  });

  it('matches a new address at a regional subdomain to the division, not its parent company', async () => {
    const [division] = await inDemoOrg((tx) =>
      tx
        .select({ id: customers.id, domain: customerDomains.domain })
        .from(customerDomains)
        .innerJoin(customers, eq(customers.id, customerDomains.customerId))
        .where(sql`${customerDomains.domain} ~ '^(emea|apac|us|latam)\\.'`)
        .limit(1),
    );
    const result = await app.client(member.token).customers.context.query({
      emails: [`new.person@${division!.domain}`],
    });
    expect(result.customer?.id).toBe(division!.id);
  });

  it('creates the owning CSMs at the org’s own domain, without passwords, never matched as a customer', async () => {
    const team = await inDemoOrg((tx) =>
      tx
        .select()
        .from(users)
        .where(and(eq(users.orgId, org.id), eq(users.role, 'csm'))),
    );
    const demoTeam = team.filter((u) => u.email.endsWith('.cscx-demo.example'));
    expect(demoTeam.length).toBeGreaterThanOrEqual(3);
    const [owned] = await inDemoOrg((tx) =>
      tx
        .select({ n: count() })
        .from(customers)
        .where(
          inArray(
            customers.ownerId,
            demoTeam.map((u) => u.id),
          ),
        ),
    );
    expect(owned!.n).toBe(150);
    const result = await app.client(member.token).customers.context.query({ emails: [demoTeam[0]!.email] });
    expect(result.customer).toBeNull();
  });

  it('changes nothing when run again, even on a later day', async () => {
    const before = await tableState(org);
    const again = await seedDemo(db, org, {
      customers: 150,
      activities: 6000,
      now: new Date(now.getTime() + 3 * 86_400_000),
    });
    expect(Object.values(again.added).every((n) => n === 0)).toBe(true);
    expect(again.team.created).toBe(0);
    expect(await tableState(org)).toEqual(before);
  });

  it('shows which accounts are at risk and which are healthy only through raw data', async () => {
    const signals = await inDemoOrg((tx) =>
      tx.execute<{
        id: string;
        stage: string;
        urgent_open: number;
        last_nps: number | null;
        last_talk: string;
      }>(sql`
        select c.id, c.stage,
          (select count(*)::int from ${activities} a where a.customer_id = c.id and a.kind = 'ticket'
             and a.ticket_status in ('open', 'pending') and a.ticket_priority in ('high', 'urgent')
             and a.occurred_at > now() - interval '30 days') as urgent_open,
          (select a.nps_score from ${activities} a where a.customer_id = c.id and a.kind = 'nps'
             order by a.occurred_at desc limit 1) as last_nps,
          (select max(a.occurred_at) from ${activities} a where a.customer_id = c.id
             and a.kind in ('email', 'meeting', 'call')) as last_talk
        from ${customers} c`),
    );
    const daysSince = (iso: string) => (now.getTime() - new Date(iso).getTime()) / 86_400_000;
    const troubled = signals.filter((s) => s.urgent_open > 0 && s.last_nps !== null && s.last_nps <= 6);
    const healthy = signals.filter(
      (s) => s.urgent_open === 0 && (s.last_nps ?? 0) >= 9 && daysSince(s.last_talk) <= 7,
    );
    const silent = signals.filter((s) => daysSince(s.last_talk) > 45);
    expect(troubled.length).toBeGreaterThanOrEqual(5);
    expect(healthy.length).toBeGreaterThanOrEqual(20);
    expect(silent.length).toBeGreaterThanOrEqual(5);
    // No stored label gives it away: the stage comes from contract dates alone.
    expect(signals.filter((s) => s.stage === 'at_risk' || s.stage === 'churned')).toEqual([]);

    const negativeShare = async (ids: string[]) => {
      const [row] = await inDemoOrg((tx) =>
        tx.execute<{ share: number }>(sql`
          select avg(case when a.summary ~* 'frustrat|not renew|competitor|outage|complain|patience|blocking|reconsider'
                     then 1.0 else 0.0 end)::float as share
          from ${activities} a
          where a.customer_id = any(${`{${ids.join(',')}}`}::uuid[]) and a.occurred_at > now() - interval '45 days'`),
      );
      return row?.share ?? 0;
    };
    expect(await negativeShare(troubled.map((s) => s.id))).toBeGreaterThan(
      2 * (await negativeShare(healthy.map((s) => s.id))),
    );
  });

  it('scales to the counts asked for, with busy accounts holding far more activity than most', async () => {
    const scaled = await anOrg(db);
    const result = await seedDemo(db, scaled, { customers: 60, activities: 5000, now });
    expect(result.added).toMatchObject({ customers: 60, activities: 5000 });
    expect(result.added.contacts / 60).toBeGreaterThan(4);
    expect(result.added.contacts / 60).toBeLessThan(6.5);

    const perCustomer = await inDemoOrg(
      (tx) => tx.select({ n: count() }).from(activities).groupBy(activities.customerId).orderBy(asc(count())),
      scaled,
    );
    const median = perCustomer[Math.floor(perCustomer.length / 2)]!.n;
    const busiest = perCustomer[perCustomer.length - 1]!.n;
    expect(busiest).toBeGreaterThan(5 * median);
    const [foreign] = await inDemoOrg(
      (tx) => tx.select({ n: count() }).from(activities).where(sql`${activities.source} <> 'demo'`),
      scaled,
    );
    expect(foreign!.n).toBe(0);
  });

  it('runs as `cscx seed-demo`, printing what it added and scoring its health, then that nothing changed', {
    timeout: 90_000,
  }, async () => {
    const named = await anOrg(db, { name: `CLI demo ${Date.now()}` });
    const args = ['bin/cscx.js', 'seed-demo', '--org', named.name, '--customers', '8', '--activities', '80'];
    const first = await cscx(args);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/customers\s+8\s+8/);
    expect(first.stdout).toMatch(/activities\s+80\s+80/);
    // The book is scored at once: the Health tab has something to show before the daily recompute.
    expect(first.stdout).toMatch(/health scores: 8 customers scored/);
    const second = await cscx(args);
    expect(second.stdout).toContain('already seeded: nothing changed');
  });
});

/** The real CLI, reaching this file's database: the embedded one through its socket (this process owns it). */
function cscx(args: string[]): Promise<{ code: number; stdout: string }> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  // A shared database needs the instances' one secret key: the demo's calls are analysed through the AI layer.
  const target = testDb.url
    ? { DATABASE_URL: testDb.url, CSCX_SECRET_KEY: '07'.repeat(32) }
    : { CSCX_DATA_DIR: testDb.dataDir };
  return new Promise((resolve) => {
    execFile('node', args, { env: { ...env, ...target } }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}
