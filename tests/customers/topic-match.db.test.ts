import { describe, expect, it } from 'vitest';
import { suiteWithApp } from '../support/app-suite.ts';
import { aContact, aCustomer, aMember, anActivity, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const suite = suiteWithApp({ clock: { now: () => new Date('2026-11-23T12:00:00Z') } });

async function csmOfNewOrg(org: { name?: string; domains?: string[] } = {}) {
  const db = suite.testDb.database.db;
  const created = await anOrg(db, org);
  const csm = await aMember(db, created, { role: 'csm' });
  return { db, org: created, api: suite.app.client(csm.token) };
}

const names = (context: { candidates: { customer: { name: string } }[] }) =>
  context.candidates.map((c) => c.customer.name);

describe('customers.context by a meeting topic and participants’ names', () => {
  it('finds the customer named in the topic, whatever people put between the parties', async () => {
    const { db, org, api } = await csmOfNewOrg();
    await aCustomer(db, org, { name: 'Acme Robotics' });
    const topics = [
      'Acme Robotics × OurCo — Q3 renewal review',
      'OurCo x Acme Robotics: QBR',
      'Acme Robotics | OurCo | Weekly sync',
      'OurCo / Acme Robotics',
      'Acme Robotics & OurCo kickoff',
      'OurCo + Acme Robotics',
      'Acme Robotics <> OurCo',
      'Acme Robotics and OurCo onboarding',
      'Acme Robotics - OurCo',
      'Acme Robotics – OurCo',
      'Acme Robotics—OurCo',
      'Quarterly review: Acme Robotics',
      'Acme Robotics×OurCo',
    ];

    for (const topic of topics) {
      const context = await api.customers.context.query({ topic });
      expect({ topic, found: names(context) }).toEqual({ topic, found: ['Acme Robotics'] });
      expect(context.candidates[0]?.reason).toMatchObject({
        topicName: 'Acme Robotics',
        summary: 'Named in the meeting topic',
      });
      expect(context.customer?.name).toBe('Acme Robotics');
    }
  });

  it('compares names case- and accent-insensitively, as whole words only', async () => {
    const { db, org, api } = await csmOfNewOrg();
    await aCustomer(db, org, { name: 'Crème Brûlée GmbH' });
    await aCustomer(db, org, { name: 'AT&T' });
    await aCustomer(db, org, { name: 'Acme' });

    expect(names(await api.customers.context.query({ topic: 'CREME BRULEE <> OurCo' }))).toEqual([
      'Crème Brûlée GmbH',
    ]);
    expect(names(await api.customers.context.query({ topic: 'at&t | renewal' }))).toEqual(['AT&T']);
    expect(names(await api.customers.context.query({ topic: 'Acmeville × OurCo' }))).toEqual([]);
    expect(names(await api.customers.context.query({ topic: 'Planning with Acme' }))).toEqual(['Acme']);
  });

  it('takes the longest name the topic says: “Acme Robotics” is not also “Acme”', async () => {
    const { db, org, api } = await csmOfNewOrg();
    await aCustomer(db, org, { name: 'Acme' });
    await aCustomer(db, org, { name: 'Acme Robotics' });
    await aCustomer(db, org, { name: 'Acme Robotics EMEA' });

    expect(names(await api.customers.context.query({ topic: 'Acme Robotics × OurCo' }))).toEqual([
      'Acme Robotics',
    ]);
    expect(names(await api.customers.context.query({ topic: 'Acme Robotics EMEA QBR' }))).toEqual([
      'Acme Robotics EMEA',
    ]);
    expect(names(await api.customers.context.query({ topic: 'Acme × OurCo' }))).toEqual(['Acme']);
  });

  it('reads the org’s own name and its domains’ names as noise, never as a customer', async () => {
    const { db, org, api } = await csmOfNewOrg({ name: 'OurCo', domains: ['brightside.example'] });
    await aCustomer(db, org, { name: 'OurCo' });
    await aCustomer(db, org, { name: 'Brightside' });
    await aCustomer(db, org, { name: 'Globex' });

    expect(names(await api.customers.context.query({ topic: 'OurCo × Globex' }))).toEqual(['Globex']);
    expect(names(await api.customers.context.query({ topic: 'Brightside | Globex' }))).toEqual(['Globex']);
    expect(await api.customers.context.query({ topic: 'OurCo — all hands' })).toEqual({
      candidates: [],
      customer: null,
      unmatchedEmails: [],
    });
  });

  it('matches participants’ names against contacts’ names and lists them as the people here', async () => {
    const { db, org, api } = await csmOfNewOrg();
    const acme = await aCustomer(db, org, { name: 'Acme' });
    await aContact(db, org, acme.id, { name: 'Ana Silva', email: 'ana@acme.example' });
    await aContact(db, org, acme.id, { name: 'Raj Patel', email: 'raj@acme.example' });
    await aContact(db, org, acme.id, { name: 'Li Wei', email: 'li@acme.example' });
    await anActivity(db, org, acme.id, { subject: 'Kickoff notes' });
    const other = await aCustomer(db, org, { name: 'Other' });
    await aContact(db, org, other.id, { name: 'Ana Silva', email: 'ana@other.example' });

    const context = await api.customers.context.query({
      topic: 'Weekly sync',
      names: ['ana silva', 'Raj Patel (Acme)', 'Someone Else'],
    });

    expect(names(context)).toEqual(['Acme', 'Other']);
    expect(context.candidates[0]?.reason).toMatchObject({
      contactNames: ['Ana Silva', 'Raj Patel'],
      summary: '2 participants are its contacts: Ana Silva, Raj Patel',
    });
    expect(context.customer?.matchedContacts.map((c) => c.email)).toEqual([
      'ana@acme.example',
      'raj@acme.example',
    ]);
    expect(context.customer?.recentActivities.map((a) => a.subject)).toEqual(['Kickoff notes']);
  });

  it('ranks the topic and participants together above either alone, then the longer name, then more participants, then recent activity', async () => {
    const { db, org, api } = await csmOfNewOrg();
    const initech = await aCustomer(db, org, { name: 'Initech' });
    await aCustomer(db, org, { name: 'Hooli' });
    await aCustomer(db, org, { name: 'Globex Industrial' });
    const umbrella = await aCustomer(db, org, { name: 'Umbrella' });
    const soylent = await aCustomer(db, org, { name: 'Soylent' });
    const wayne = await aCustomer(db, org, { name: 'Wayne' });
    await aContact(db, org, initech.id, { name: 'Ana Silva' });
    await aContact(db, org, umbrella.id, { name: 'Raj Patel' });
    await aContact(db, org, umbrella.id, { name: 'Li Wei' });
    await aContact(db, org, soylent.id, { name: 'Mo Chen' });
    await aContact(db, org, wayne.id, { name: 'Mo Chen' });
    await anActivity(db, org, wayne.id, { occurredAt: new Date('2026-11-20T10:00:00Z') });
    await anActivity(db, org, soylent.id, { occurredAt: new Date('2026-10-01T10:00:00Z') });

    const context = await api.customers.context.query({
      topic: 'Hooli, Globex Industrial & Initech — planning',
      names: ['Ana Silva', 'Raj Patel', 'Li Wei', 'Mo Chen'],
    });

    expect(names(context)).toEqual(['Initech', 'Globex Industrial', 'Hooli', 'Umbrella', 'Wayne']);
    expect(context.candidates.map((c) => c.reason.summary)).toEqual([
      'Named in the meeting topic; 1 participant is its contact: Ana Silva',
      'Named in the meeting topic',
      'Named in the meeting topic',
      '2 participants are its contacts: Raj Patel, Li Wei',
      '1 participant is its contact: Mo Chen',
    ]);
    expect(context.customer?.name).toBe('Initech');
  });

  it('still puts addresses first, and lets the topic decide between equal domain matches', async () => {
    const { db, org, api } = await csmOfNewOrg();
    await aCustomer(db, org, { name: 'Hooli', domains: ['hooli.example'] });
    await aCustomer(db, org, { name: 'Initech', domains: ['initech.example'] });
    await aCustomer(db, org, { name: 'Umbrella' });

    const context = await api.customers.context.query({
      emails: ['gavin@hooli.example', 'peter@initech.example'],
      topic: 'Initech × Umbrella',
    });

    expect(names(context)).toEqual(['Initech', 'Hooli', 'Umbrella']);
    expect(context.candidates[0]?.reason.summary).toBe(
      'Matched by email domain initech.example; Named in the meeting topic',
    );
  });

  it('never finds another org’s customer or contact by name', async () => {
    const { db, api } = await csmOfNewOrg();
    const other = await csmOfNewOrg();
    const foreign = await aCustomer(db, other.org, { name: 'Foreign Robotics' });
    await aContact(db, other.org, foreign.id, { name: 'Foreign Person' });

    const context = await api.customers.context.query({
      topic: 'Foreign Robotics × OurCo',
      names: ['Foreign Person'],
    });

    expect(context).toEqual({ candidates: [], customer: null, unmatchedEmails: [] });
  });

  it('keeps `{ emails }` callers working and refuses a lookup with nothing to match', async () => {
    const { db, org, api } = await csmOfNewOrg();
    await aCustomer(db, org, { name: 'Hooli', domains: ['hooli.example'] });

    expect(names(await api.customers.context.query({ emails: ['gavin@hooli.example'] }))).toEqual(['Hooli']);
    for (const input of [{}, { emails: [] }, { topic: '   ' }, { names: [] }])
      expect(await errorOf(api.customers.context.query(input))).toMatchObject({ code: 'BAD_REQUEST' });
  });
});
