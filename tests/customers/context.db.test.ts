import { describe, expect, it } from 'vitest';
import { suiteWithApp } from '../support/app-suite.ts';
import { aContact, aCustomer, aMember, anActivity, anOrg, aTask } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const suite = suiteWithApp({ clock: { now: () => new Date('2026-11-23T23:30:00Z') } });

async function csmOfNewOrg(orgDomains: string[] = []) {
  const db = suite.testDb.database.db;
  const org = await anOrg(db, { domains: orgDomains });
  const csm = await aMember(db, org, { role: 'csm' });
  return { db, org, csm, api: suite.app.client(csm.token) };
}

describe('customers.context', () => {
  it('matches a stored contact exactly, even at a free-mail address', async () => {
    const { db, org, api } = await csmOfNewOrg();
    const acme = await aCustomer(db, org, { name: 'Acme', domains: ['acme.example'] });
    await aContact(db, org, acme.id, {
      email: 'founder.acme@gmail.com',
      name: 'Fay',
      role: 'executive_sponsor',
    });

    const context = await api.customers.context.query({ emails: ['Founder.Acme@Gmail.com'] });

    expect(context.customer?.name).toBe('Acme');
    expect(context.customer?.matchedContacts).toEqual([
      expect.objectContaining({ email: 'founder.acme@gmail.com', role: 'executive_sponsor' }),
    ]);
    expect(context.candidates[0]?.reason.contactEmails).toEqual(['founder.acme@gmail.com']);
  });

  it('never matches on a free-mail domain or the org’s own domain', async () => {
    const { db, org, api } = await csmOfNewOrg(['ourteam.example']);
    await aCustomer(db, org, { name: 'Gmail lookalike', domains: ['gmail.com'] });
    await aCustomer(db, org, { name: 'Ourselves', domains: ['ourteam.example'] });

    const context = await api.customers.context.query({
      emails: ['stranger@gmail.com', 'me@ourteam.example', 'boss@eu.ourteam.example'],
    });

    expect(context.customer).toBeNull();
    expect(context.candidates).toEqual([]);
    expect(context.unmatchedEmails).toEqual([
      'stranger@gmail.com',
      'me@ourteam.example',
      'boss@eu.ourteam.example',
    ]);
  });

  it('prefers the longest matching domain, subdomains included', async () => {
    const { db, org, api } = await csmOfNewOrg();
    await aCustomer(db, org, { name: 'Globex', domains: ['globex.example'] });
    await aCustomer(db, org, { name: 'Globex Europe', domains: ['eu.globex.example'] });

    const europe = await api.customers.context.query({ emails: ['hans@mail.eu.globex.example'] });
    const parent = await api.customers.context.query({ emails: ['sam@us.globex.example'] });

    expect(europe.customer?.name).toBe('Globex Europe');
    expect(europe.candidates[0]?.reason.domainMatches).toEqual([
      { email: 'hans@mail.eu.globex.example', domain: 'eu.globex.example' },
    ]);
    expect(parent.customer?.name).toBe('Globex');
  });

  it('ranks by matched contacts, then domain specificity, then recent activity, with a reason for each', async () => {
    const { db, org, api } = await csmOfNewOrg();
    const initech = await aCustomer(db, org, { name: 'Initech', domains: ['initech.example'] });
    const umbrella = await aCustomer(db, org, { name: 'Umbrella', domains: ['umbrella.example'] });
    const hooli = await aCustomer(db, org, { name: 'Hooli', domains: ['hooli.example'] });
    await aContact(db, org, umbrella.id, { email: 'ada@umbrella.example' });
    await anActivity(db, org, hooli.id, { occurredAt: new Date('2026-11-20T10:00:00Z') });
    await anActivity(db, org, initech.id, { occurredAt: new Date('2026-10-01T10:00:00Z') });

    const context = await api.customers.context.query({
      emails: ['peter@initech.example', 'gavin@hooli.example', 'ada@umbrella.example'],
    });

    expect(context.candidates.map((c) => c.customer.name)).toEqual(['Umbrella', 'Hooli', 'Initech']);
    expect(context.candidates[0]?.reason.summary).toBe('Matched by 1 known contact (ada@umbrella.example)');
    expect(context.candidates[1]?.reason.summary).toBe('Matched by email domain hooli.example');
    expect(context.candidates[1]?.lastActivityAt).toBe('2026-11-20T10:00:00.000Z');
  });

  it('gives the account at a glance: owner, ARR, renewal countdown in the caller’s zone, last 10 activities and open tasks', async () => {
    const db = suite.testDb.database.db;
    const org = await anOrg(db);
    const owner = await aMember(db, org, { role: 'csm', email: 'owner@team-glance.example' });
    // 23:30 UTC on the 23rd is already the 24th in Tokyo.
    const tokyo = await aMember(db, org, { role: 'viewer', timeZone: 'Asia/Tokyo' });
    const customer = await aCustomer(db, org, {
      name: 'Soylent',
      domains: ['soylent.example'],
      ownerId: owner.id,
      arrMinor: 12_000_000,
      currency: 'EUR',
      renewalDate: '2026-12-24',
      stage: 'renewal',
    });
    for (let day = 1; day <= 12; day++) {
      await anActivity(db, org, customer.id, {
        subject: `Touch ${day}`,
        occurredAt: new Date(Date.UTC(2026, 10, day, 9)),
      });
    }
    await aTask(db, org, customer.id, { title: 'Send QBR deck' });
    await aTask(db, org, customer.id, { title: 'Old task', status: 'done' });

    const context = await suite.app
      .client(tokyo.token)
      .customers.context.query({ emails: ['cfo@soylent.example'] });

    expect(context.customer).toMatchObject({
      name: 'Soylent',
      arrMinor: 12_000_000,
      currency: 'EUR',
      renewalDate: '2026-12-24',
      daysToRenewal: 30,
      stage: 'renewal',
      owner: { id: owner.id, email: 'owner@team-glance.example' },
      openTaskCount: 1,
      health: null,
      pendingApprovals: [],
    });
    expect(context.customer?.recentActivities.map((a) => a.subject)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Touch ${12 - i}`),
    );
  });

  it('lists the first 10 open tasks, soonest due first and undated last, with their assignees', async () => {
    const { db, org, api, csm } = await csmOfNewOrg();
    const assignee = await aMember(db, org, { role: 'csm', email: 'ada@team-tasks.example' });
    const customer = await aCustomer(db, org, { name: 'Tasked', domains: ['tasked.example'] });
    await aTask(db, org, customer.id, { title: 'Undated', dueDate: null });
    await aTask(db, org, customer.id, { title: 'Later', dueDate: '2026-12-20', assigneeId: assignee.id });
    await aTask(db, org, customer.id, { title: 'Sooner', dueDate: '2026-11-25', assigneeId: csm.id });
    await aTask(db, org, customer.id, { title: 'Finished', dueDate: '2026-11-01', status: 'done' });
    for (let day = 1; day <= 9; day++)
      await aTask(db, org, customer.id, { title: `Filler ${day}`, dueDate: `2027-01-0${day}` });

    const context = await api.customers.context.query({ emails: ['buyer@tasked.example'] });

    expect(context.customer?.openTaskCount).toBe(12);
    const tasks = context.customer?.openTasks ?? [];
    expect(tasks.map((t) => t.title)).toEqual([
      'Sooner',
      'Later',
      ...Array.from({ length: 8 }, (_, i) => `Filler ${i + 1}`),
    ]);
    expect(tasks[0]).toMatchObject({ dueDate: '2026-11-25', assignee: { id: csm.id } });
    expect(tasks[1]?.assignee).toEqual({
      id: assignee.id,
      name: 'Test Member',
      email: 'ada@team-tasks.example',
    });
    expect(tasks[2]?.assignee).toBeNull();
  });

  it('opens a customer chosen by id, and says NOT_FOUND for an id that is not the org’s', async () => {
    const { db, org, api } = await csmOfNewOrg();
    const chosen = await aCustomer(db, org, { name: 'Chosen' });
    const other = await csmOfNewOrg();
    const foreign = await aCustomer(db, other.org, { name: 'Foreign' });

    const context = await api.customers.context.query({ customerId: chosen.id });
    expect(context.customer?.name).toBe('Chosen');
    expect(context.candidates[0]?.reason.summary).toBe('Selected by you');
    expect(await errorOf(api.customers.context.query({ customerId: foreign.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('ignores malformed addresses and rejects an empty list', async () => {
    const { api } = await csmOfNewOrg();
    const context = await api.customers.context.query({ emails: ['not an email', 'a@b'] });
    expect(context).toEqual({ candidates: [], customer: null, unmatchedEmails: [] });
    expect(await errorOf(api.customers.context.query({ emails: [] }))).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
    });
  });
});
