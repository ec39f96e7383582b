import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { recomputeCustomers } from '../../backend/health/recompute.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aContact, aCustomer, aMember, anActivity, anOrg, type Member } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';
import { daysBefore, someSignals, weeklyUsage } from './signal-builders.ts';

const suite = suiteWithApp();
const db = () => suite.testDb.database.db;
let acme: OrgRef;
let globex: OrgRef;
let csm: Member;
let admin: Member;
let viewer: Member;

const recompute = (org: OrgRef, ids: string[], now = new Date()) =>
  recomputeCustomers(
    { orgId: org.id, now, inOrg: <T>(work: (tx: Db) => Promise<T>) => inOrg(db(), org.id, work) },
    ids,
  );

async function aScoredCustomer(org: OrgRef, name: string, users: [number, number], domain: string) {
  const customer = await aCustomer(db(), org, { name, domains: [domain] });
  await someSignals(
    db(),
    org,
    customer.id,
    weeklyUsage(new Date(), { users, logins: [users[0] * 10, users[1] * 10], seats: 100 }),
  );
  await aContact(db(), org, customer.id, { email: `buyer@${domain}`, role: 'champion', name: 'Pat Buyer' });
  await recompute(org, [customer.id]);
  return customer;
}

beforeAll(async () => {
  acme = await anOrg(db(), { domains: ['acme-cs.example'] });
  globex = await anOrg(db());
  csm = await aMember(db(), acme, { role: 'csm' });
  admin = await aMember(db(), acme, { role: 'admin' });
  viewer = await aMember(db(), acme, { role: 'viewer' });
});

describe('health.forCustomer', () => {
  it('gives the score, its drivers in words, the history and the deltas', async () => {
    const customer = await aScoredCustomer(acme, 'Sliding Co', [100, 55], 'sliding.example');
    const health = await suite.app.client(viewer.token).health.forCustomer.query({ customerId: customer.id });
    expect(health?.customerName).toBe('Sliding Co');
    expect(health?.drivers[0]?.sentence).toBe('Weekly active users down 45 % in 30 days');
    expect(health?.history).toHaveLength(1);
    expect(health?.componentsPresent).toBeLessThan(health?.componentsTotal ?? 0);
    // The default model weighs every component.
    expect(health?.componentsTotal).toBe(10);
  });

  it('is null for a customer never scored', async () => {
    const customer = await aCustomer(db(), acme, { name: 'Unscored' });
    expect(
      await suite.app.client(csm.token).health.forCustomer.query({ customerId: customer.id }),
    ).toBeNull();
  });
});

describe('health.forThreads', () => {
  it("answers a page of 50 inbox rows in one request, never with another org's customer", async () => {
    const known = await aScoredCustomer(acme, 'Known Co', [80, 82], 'known.example');
    const theirs = await aScoredCustomer(globex, 'Theirs Co', [80, 20], 'theirs.example');
    const rows = Array.from({ length: 50 }, (_, i) => ({
      key: `thread-${i}`,
      addresses: [
        ['someone@known.example', 'me@acme-cs.example'],
        ['buyer@theirs.example'],
        ['BUYER@known.example'],
        ['friend@gmail.com'],
        ['me@acme-cs.example'],
      ][i % 5] as string[],
    }));
    const { rows: answered } = await suite.app.client(csm.token).health.forThreads.query({ rows });
    expect(answered).toHaveLength(50);
    const byKey = new Map(answered.map((r) => [r.key, r.health]));
    expect(byKey.get('thread-0')).toMatchObject({
      customerId: known.id,
      customerName: 'Known Co',
      band: 'healthy',
    });
    expect(byKey.get('thread-2')?.customerId).toBe(known.id);
    expect(byKey.get('thread-1')).toBeNull();
    expect(byKey.get('thread-3')).toBeNull();
    expect(byKey.get('thread-4')).toBeNull();
    expect(answered.some((r) => r.health?.customerId === theirs.id)).toBe(false);
  });

  it('refuses more than 100 rows', async () => {
    const rows = Array.from({ length: 101 }, (_, i) => ({ key: `k${i}`, addresses: [] }));
    expect((await errorOf(suite.app.client(csm.token).health.forThreads.query({ rows }))).code).toBe(
      'BAD_REQUEST',
    );
  });
});

describe('health.book', () => {
  it('lists the book weakest first, by band, in pages', async () => {
    const client = suite.app.client(csm.token);
    const all = await client.health.book.query({ limit: 200 });
    const scores = all.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const first = await client.health.book.query({ limit: 1 });
    const second = await client.health.book.query({ limit: 1, cursor: first.nextCursor ?? undefined });
    expect([first.items[0]?.customerId, second.items[0]?.customerId]).toEqual(
      all.items.slice(0, 2).map((i) => i.customerId),
    );
    const healthy = await client.health.book.query({ band: 'healthy', limit: 200 });
    expect(healthy.items.length).toBeGreaterThan(0);
    expect(healthy.items.every((i) => i.band === 'healthy')).toBe(true);
    expect(all.items.find((i) => i.customerName === 'Sliding Co')?.topConcern).toBe(
      'Weekly active users down 45 % in 30 days',
    );
  });
});

describe('the model', () => {
  it('starts at the default version, and an admin makes a new version', async () => {
    const model = await suite.app.client(csm.token).health.model.query();
    expect(model).toMatchObject({ version: 1, source: 'default' });
    const next = await suite.app.client(admin.token).health.updateModel.mutate({
      weights: { ...model.weights, usage: 40 },
      thresholds: model.thresholds,
      dropAlertPoints: 8,
    });
    expect(next).toMatchObject({ version: 2, source: 'admin', createdBy: admin.id, dropAlertPoints: 8 });
    const versions = await suite.app.client(viewer.token).health.versions.query();
    expect(versions.map((v) => [v.version, v.source])).toEqual([
      [2, 'admin'],
      [1, 'default'],
    ]);
  });

  it('refuses weights all zero, thresholds out of order, and anyone but an admin', async () => {
    const model = await suite.app.client(csm.token).health.model.query();
    const zero = Object.fromEntries(Object.keys(model.weights).map((k) => [k, 0])) as typeof model.weights;
    const update = suite.app.client(admin.token).health.updateModel;
    expect((await errorOf(update.mutate({ ...model, weights: zero }))).code).toBe('BAD_REQUEST');
    const inverted = { healthy: 40, atRisk: 60 };
    expect((await errorOf(update.mutate({ ...model, thresholds: inverted }))).code).toBe('BAD_REQUEST');
    const negative = { ...model.weights, usage: -1 };
    expect((await errorOf(update.mutate({ ...model, weights: negative }))).code).toBe('BAD_REQUEST');
    expect((await errorOf(suite.app.client(csm.token).health.updateModel.mutate(model))).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('alerts', () => {
  it('keeps one open alert for two drops, and a new one after the first was acknowledged', async () => {
    const org = await anOrg(db());
    const member = await aMember(db(), org, { role: 'csm' });
    const client = suite.app.client(member.token);
    const customer = await aCustomer(db(), org, { name: 'Wobbly', renewalDate: null });
    const start = new Date('2026-09-01T09:00:00Z');
    const day = (n: number) => daysBefore(start, -n);
    await someSignals(
      db(),
      org,
      customer.id,
      weeklyUsage(day(9), { users: [80, 80], logins: [800, 800], seats: 90 }),
    );
    const setTickets = async (status: 'open' | 'solved') => {
      await inOrg(db(), org.id, (tx) =>
        tx.execute(
          sql`update activities set ticket_status = ${status} where org_id = ${org.id} and kind = 'ticket'`,
        ),
      );
    };
    await recompute(org, [customer.id], day(0));
    for (let i = 0; i < 6; i++)
      await anActivity(db(), org, customer.id, {
        kind: 'ticket',
        ticketStatus: 'open',
        ticketPriority: 'urgent',
        occurredAt: day(0),
      });
    const dropAlerts = async () =>
      (await client.health.alerts.query({ customerId: customer.id })).items.filter((a) => a.cause === 'drop');

    await recompute(org, [customer.id], day(1));
    const [first] = await dropAlerts();
    expect(first?.sentence).toMatch(/^Score fell \d+ points in 7 days/);
    await recompute(org, [customer.id], day(2));
    await setTickets('solved');
    await recompute(org, [customer.id], day(3));
    await setTickets('open');
    await recompute(org, [customer.id], day(4));
    expect((await dropAlerts()).map((a) => a.status)).toEqual(['open']);

    const acknowledged = await client.health.acknowledgeAlert.mutate({ alertId: first?.id ?? '' });
    expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledgedBy: member.id });
    await setTickets('solved');
    await recompute(org, [customer.id], day(5));
    await setTickets('open');
    await recompute(org, [customer.id], day(6));
    expect((await dropAlerts()).map((a) => a.status)).toEqual(['open', 'acknowledged']);
    const open = await client.health.alerts.query({ status: 'open' });
    expect(open.items.every((a) => a.status === 'open')).toBe(true);
  });

  it("lists the alerts of a member's own customers, however many newer ones the rest of the org has", async () => {
    const org = await anOrg(db());
    const me = await aMember(db(), org, { role: 'csm' });
    const colleague = await aMember(db(), org, { role: 'csm' });
    const mine = await aCustomer(db(), org, { name: 'Mine Ltd', ownerId: me.id });
    const theirs = await aCustomer(db(), org, { name: 'Theirs Ltd', ownerId: colleague.id });
    const alertOn = (
      customerId: string,
      cause: string,
      at: Date,
    ) => sql`(${org.id}, ${customerId}, ${cause}::health_alert_cause,
      40, 'at_risk', '[]'::jsonb, 1, ${at.toISOString()}::timestamptz)`;
    const longAgo = new Date('2026-01-01T00:00:00Z');
    // The colleague's book: 150 customers, each with an alert newer than mine.
    const others = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        aCustomer(db(), org, { name: `Other ${i}`, ownerId: colleague.id }),
      ),
    );
    await inOrg(db(), org.id, (tx) =>
      tx.execute(sql`insert into health_alerts (org_id, customer_id, cause, score, band, drivers, model_version, created_at)
        values ${sql.join(
          [
            alertOn(mine.id, 'at_risk', longAgo),
            alertOn(theirs.id, 'at_risk', longAgo),
            ...others.map((c) => alertOn(c.id, 'drop', new Date())),
          ],
          sql`, `,
        )}`),
    );
    const client = suite.app.client(me.token);

    const orgWide = await client.health.alerts.query({ status: 'open' });
    expect(orgWide.items.some((a) => a.customerId === mine.id)).toBe(false);
    const own = await client.health.alerts.query({ status: 'open', ownerId: me.id });
    expect(own.items.map((a) => a.customerName)).toEqual(['Mine Ltd']);
    const colleagues = await client.health.alerts.query({
      status: 'open',
      ownerId: colleague.id,
      limit: 200,
    });
    expect(colleagues.items).toHaveLength(151);
    expect((await errorOf(client.health.alerts.query({ ownerId: 'me' }))).code).toBe('BAD_REQUEST');
  });

  it('lets a viewer read alerts but not acknowledge them', async () => {
    const [any] = (await suite.app.client(viewer.token).health.alerts.query({})).items;
    const attempt = suite.app
      .client(viewer.token)
      .health.acknowledgeAlert.mutate({ alertId: any?.id ?? crypto.randomUUID() });
    expect((await errorOf(attempt)).code).toBe('FORBIDDEN');
  });
});

describe('health.recompute and outcomes', () => {
  it('enqueues one org recompute for an admin, coalesced while it waits', async () => {
    const client = suite.app.client(admin.token);
    const first = await client.health.recompute.mutate();
    const again = await client.health.recompute.mutate();
    expect(again).toEqual({ jobId: first.jobId, enqueued: false });
    expect((await errorOf(suite.app.client(csm.token).health.recompute.mutate())).code).toBe('FORBIDDEN');
  });

  it("records an outcome for calibration, and refuses another org's customer", async () => {
    const customer = await aCustomer(db(), acme, { name: 'Gone Co' });
    const outcome = await suite.app
      .client(csm.token)
      .health.recordOutcome.mutate({ customerId: customer.id, outcome: 'churned', at: '2026-09-30' });
    expect(outcome).toMatchObject({
      customerId: customer.id,
      outcome: 'churned',
      at: '2026-09-30',
      source: 'api',
    });
    const other = await aCustomer(db(), globex, { name: 'Elsewhere' });
    const refused = suite.app
      .client(csm.token)
      .health.recordOutcome.mutate({ customerId: other.id, outcome: 'renewed', at: '2026-09-30' });
    expect((await errorOf(refused)).code).toBe('NOT_FOUND');
  });
});
