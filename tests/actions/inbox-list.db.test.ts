import { describe, expect, it } from 'vitest';
import { aCustomer, aMember, anOrg } from '../support/builders.ts';
import { suiteWithActions } from './actions-suite.ts';

const suite = suiteWithActions();
const db = () => suite.testDb.database.db;
const client = (token: string) => suite.app.client(token, { batch: false });

async function aTeam() {
  const org = await anOrg(db());
  const csm = await aMember(db(), org, { role: 'csm' });
  const other = await aMember(db(), org, { role: 'csm' });
  const admin = await aMember(db(), org, { role: 'admin' });
  const viewer = await aMember(db(), org, { role: 'viewer' });
  const customer = await aCustomer(db(), org, { ownerId: csm.id, name: 'Acme Robotics' });
  return { org, csm, other, admin, viewer, customer };
}

const reply = (customerId: string) => ({
  kind: 'email.send' as const,
  customerId,
  reason: 'Dana asked for the renewal quote',
  payload: { to: ['dana@acme.example'], cc: [], references: [], subject: 'Re: Renewal', body: 'Hi Dana' },
});

const anEvent = (customerId: string) => ({
  kind: 'calendar.create_event' as const,
  customerId,
  reason: 'Dana asked for a renewal call',
  payload: {
    summary: 'Renewal call',
    start: { dateTime: '2026-12-03T15:00:00.000Z', timeZone: 'Europe/London' },
    end: { dateTime: '2026-12-03T15:30:00.000Z', timeZone: 'Europe/London' },
    attendees: ['dana@acme.example'],
    conference: false,
  },
});

const aTask = (customerId: string) => ({
  kind: 'task.create' as const,
  customerId,
  reason: 'Follow up after the QBR',
  payload: { title: 'Send the QBR deck' },
});

describe('the Inbox’s list', () => {
  it('names each action’s customer', async () => {
    const { csm, customer } = await aTeam();
    await client(csm.token).actions.propose.mutate(reply(customer.id));
    const [listed] = await client(csm.token).actions.list.query({ scope: 'mine' });
    expect(listed).toMatchObject({ customerId: customer.id, customerName: 'Acme Robotics' });
  });

  it('pages history, each action once, even when they were proposed in the same millisecond', async () => {
    const { csm, customer } = await aTeam();
    const rejected: string[] = [];
    for (let n = 0; n < 5; n++) {
      const proposed = await client(csm.token).actions.propose.mutate(reply(customer.id));
      await client(csm.token).actions.reject.mutate({ id: proposed.id });
      rejected.push(proposed.id);
    }
    const seen: string[] = [];
    let page = await client(csm.token).actions.list.query({ scope: 'mine', state: 'history', limit: 2 });
    while (page.length > 0) {
      seen.push(...page.map((a) => a.id));
      const last = page.at(-1);
      if (!last) break;
      page = await client(csm.token).actions.list.query({
        scope: 'mine',
        state: 'history',
        limit: 2,
        before: { createdAt: last.createdAt, id: last.id },
      });
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(rejected));
  });

  it('refuses a malformed page cursor as a bad request', async () => {
    const { csm } = await aTeam();
    await expect(
      client(csm.token).actions.list.query({
        scope: 'mine',
        state: 'history',
        before: { createdAt: 'yesterday', id: 'x' },
      }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });
});

describe('what waits for my decision (the icon badge)', () => {
  it('counts what is proposed for me and what I may decide on my customers, not what is decided', async () => {
    const { csm, other, customer } = await aTeam();
    const mine = await client(csm.token).actions.propose.mutate(reply(customer.id));
    await client(csm.token).actions.propose.mutate(reply(customer.id));
    // A colleague's email or event on my customer goes through their Google account: not mine to approve.
    await client(other.token).actions.propose.mutate(reply(customer.id));
    await client(other.token).actions.propose.mutate(anEvent(customer.id));
    expect(await client(csm.token).actions.waitingCount.query()).toEqual({ count: 2 });
    await client(csm.token).actions.reject.mutate({ id: mine.id });
    expect(await client(csm.token).actions.waitingCount.query()).toEqual({ count: 1 });
    expect(await client(other.token).actions.waitingCount.query()).toEqual({ count: 2 });
  });

  it('counts a colleague’s proposal on my customer that I may approve, and an admin counts every one on theirs', async () => {
    const { org, csm, other, admin, viewer, customer } = await aTeam();
    // From a client, so a person decides whatever the policy (a task would otherwise run alone).
    await client(other.token).actions.propose.mutate(aTask(customer.id));
    expect(await client(csm.token).actions.waitingCount.query()).toEqual({ count: 1 });

    const theirs = await aCustomer(db(), org, { ownerId: admin.id });
    await client(other.token).actions.propose.mutate(reply(theirs.id));
    expect(await client(admin.token).actions.waitingCount.query()).toEqual({ count: 1 });
    expect(await client(viewer.token).actions.waitingCount.query()).toEqual({ count: 0 });
  });

  it('never counts another org’s actions', async () => {
    const { csm, customer } = await aTeam();
    const elsewhere = await aTeam();
    await client(elsewhere.csm.token).actions.propose.mutate(reply(elsewhere.customer.id));
    expect(await client(csm.token).actions.waitingCount.query()).toEqual({ count: 0 });
    await client(csm.token).actions.propose.mutate(reply(customer.id));
    expect(await client(csm.token).actions.waitingCount.query()).toEqual({ count: 1 });
  });
});
