import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import { aCustomer, aMember, anOrg } from '../support/builders.ts';
import { drainQueue, suiteWithActions } from './actions-suite.ts';

const suite = suiteWithActions();
const db = () => suite.testDb.database.db;
const client = (token: string) => suite.app.client(token, { batch: false });
const hour = 60 * 60_000;

async function aSender() {
  const org = await anOrg(db());
  const csm = await aMember(db(), org, { role: 'csm' });
  const customer = await aCustomer(db(), org, { ownerId: csm.id });
  await suite.connectGoogle(csm);
  return { org, csm, customer };
}

async function anApprovedEmail(sender: Awaited<ReturnType<typeof aSender>>) {
  const proposed = await client(sender.csm.token).actions.propose.mutate({
    kind: 'email.send',
    customerId: sender.customer.id,
    reason: 'Reply to the renewal question',
    payload: { to: ['dana@acme.example'], cc: [], references: [], subject: 'Re: Renewal', body: 'Hi Dana' },
  });
  await client(sender.csm.token).actions.approve.mutate({ id: proposed.id });
  return proposed.id;
}

async function actionOf(token: string, id: string) {
  const history = await client(token).actions.list.query({ scope: 'mine', state: 'history', limit: 200 });
  const found = history.find((a) => a.id === id);
  if (!found) throw new Error(`action ${id} is not in the history`);
  return found;
}

/** Runs what is due, then moves the clock past the longest backoff, `times` over. */
async function runWithRetries(times: number): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < times; i++) {
    outcomes.push(...(await drainQueue(suite.app)));
    suite.clock.advance(2 * hour);
  }
  return outcomes;
}

describe('running an approved email', () => {
  it('sends once when Gmail sent it but the answer was lost: the retry finds it by its Message-ID', async () => {
    const sender = await aSender();
    const id = await anApprovedEmail(sender);
    let sends = 0;
    suite.gmail.onSend = () => (++sends === 1 ? 'drop' : undefined);

    expect(await runWithRetries(2)).toEqual(['retried', 'done']);
    expect(suite.gmail.sent).toHaveLength(1);
    const search = suite.gmail.requests.find((r) => r.method === 'GET');
    expect(search?.query.q).toBe(`rfc822msgid:${suite.gmail.sent[0]?.headers['message-id']?.slice(1, -1)}`);
    const action = await actionOf(sender.csm.token, id);
    expect(action).toMatchObject({ status: 'done', attempts: 2 });
    expect(action.outcome).toMatchObject({ gmailMessageId: suite.gmail.sent[0]?.id, foundSent: true });
  });

  it('retries a 503 or a 429 with backoff, showing the error meanwhile, then records it done', async () => {
    const sender = await aSender();
    const id = await anApprovedEmail(sender);
    suite.gmail.failSends(
      { status: 503, reason: 'backendError', message: 'The service is currently unavailable.' },
      { status: 429, reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded', retryAfterSeconds: 1 },
    );
    expect(await drainQueue(suite.app)).toEqual(['retried']);
    const failed = await actionOf(sender.csm.token, id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toContain('Google 503');

    expect(await runWithRetries(3)).toEqual(['retried', 'done']);
    expect(suite.gmail.sent).toHaveLength(1);
    expect(await actionOf(sender.csm.token, id)).toMatchObject({
      status: 'done',
      attempts: 3,
      lastError: null,
    });
  });

  it('is dead at once when Gmail refuses the request itself, with Google’s words kept', async () => {
    const sender = await aSender();
    const id = await anApprovedEmail(sender);
    suite.gmail.failSends({ status: 400, reason: 'invalidArgument', message: 'Invalid To header' });
    expect(await runWithRetries(2)).toEqual(['done']);
    const dead = await actionOf(sender.csm.token, id);
    expect(dead.status).toBe('dead');
    expect(dead.lastError).toBe('Google 400 INVALID_ARGUMENT: Invalid To header');
    expect(suite.gmail.sent).toHaveLength(0);
  });

  it('is dead after its last attempt, the error kept', async () => {
    const sender = await aSender();
    const id = await anApprovedEmail(sender);
    const unavailable = { status: 503, reason: 'backendError', message: 'Backend Error' };
    suite.gmail.failSends(...Array.from({ length: 5 }, () => unavailable));
    expect(await runWithRetries(6)).toEqual(['retried', 'retried', 'retried', 'retried', 'done']);
    const dead = await actionOf(sender.csm.token, id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 5 });
    expect(dead.lastError).toContain('Backend Error');
    expect(dead.finishedAt).not.toBeNull();
  });

  it('is dead, not left executing, when its worker died on every attempt', async () => {
    const sender = await aSender();
    const id = await anApprovedEmail(sender);
    // Five runs that each died midway: the action executing, the job's lease run out.
    await db().execute(sql`
      update jobs set state = 'running', attempts = 5, locked_by = 'a dead worker',
        locked_until = now() - interval '1 second'
      where payload->>'actionId' = ${id}`);
    await inOrg(db(), sender.org.id, (tx) =>
      tx.execute(sql`update actions set status = 'executing', attempts = 5 where id = ${id}`),
    );
    expect(await drainQueue(suite.app)).toEqual(['done']);
    const dead = await actionOf(sender.csm.token, id);
    expect(dead).toMatchObject({
      status: 'dead',
      lastError: 'its worker stopped before it finished, 5 times',
    });
    expect(suite.gmail.sent).toHaveLength(0);
  });

  it('is retried, not lost, for a sender with no Google connection', async () => {
    const org = await anOrg(db());
    const csm = await aMember(db(), org, { role: 'csm' });
    const customer = await aCustomer(db(), org, { ownerId: csm.id });
    const id = await anApprovedEmail({ org, csm, customer });
    expect(await drainQueue(suite.app)).toEqual(['retried']);
    expect((await actionOf(csm.token, id)).lastError).toMatch(/no Google .* connection/);
  });
});

describe('running a change to CSCX’s own data', () => {
  it('creates the task once, even when its job runs again', async () => {
    const { org, csm, customer } = await aSender();
    const proposed = await client(csm.token).actions.propose.mutate({
      kind: 'task.create',
      customerId: customer.id,
      reason: 'Promised on the call',
      payload: { title: 'Send the SSO guide', dueDate: '2027-01-15' },
    });
    await client(csm.token).actions.approve.mutate({ id: proposed.id });
    expect(await drainQueue(suite.app)).toEqual(['done']);
    // The same job enqueued again, as a lost bookkeeping write on the queue's side would leave it.
    await db().execute(sql`
      insert into jobs (queue, org_id, payload) values ('actions.execute', ${org.id}, ${JSON.stringify({ actionId: proposed.id })}::jsonb)`);
    expect(await drainQueue(suite.app)).toEqual(['done']);
    const tasks = await inOrg(db(), org.id, (tx) =>
      tx.execute<{ title: string; due_date: string; assignee_id: string }>(
        sql`select title, due_date::text, assignee_id from tasks where customer_id = ${customer.id}`,
      ),
    );
    expect(tasks).toEqual([{ title: 'Send the SSO guide', due_date: '2027-01-15', assignee_id: csm.id }]);
    expect(await actionOf(csm.token, proposed.id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('changes the customer’s field', async () => {
    const { org, csm, customer } = await aSender();
    const proposed = await client(csm.token).actions.propose.mutate({
      kind: 'customer.update_field',
      customerId: customer.id,
      reason: 'They signed the renewal',
      payload: { field: 'renewalDate', value: '2028-06-30' },
    });
    // Low risk and the default policy for CSCX's own data runs it alone, but a client's proposal asks.
    expect(proposed.status).toBe('proposed');
    await client(csm.token).actions.approve.mutate({ id: proposed.id });
    expect(await drainQueue(suite.app)).toEqual(['done']);
    const [row] = await inOrg(db(), org.id, (tx) =>
      tx.execute<{ renewal_date: string }>(
        sql`select renewal_date::text from customers where id = ${customer.id}`,
      ),
    );
    expect(row?.renewal_date).toBe('2028-06-30');
  });

  it('changes the field to the value it was edited to, not the one proposed', async () => {
    const { org, csm, customer } = await aSender();
    const proposed = await client(csm.token).actions.propose.mutate({
      kind: 'customer.update_field',
      customerId: customer.id,
      reason: 'Said on the QBR call',
      payload: { field: 'stage', value: 'at_risk' },
    });
    await client(csm.token).actions.edit.mutate({
      id: proposed.id,
      kind: 'customer.update_field',
      payload: { field: 'stage', value: 'renewal' },
    });
    expect(await drainQueue(suite.app)).toEqual(['done']);
    const [row] = await inOrg(db(), org.id, (tx) =>
      tx.execute<{ stage: string }>(sql`select stage::text from customers where id = ${customer.id}`),
    );
    expect(row?.stage).toBe('renewal');
    expect(await actionOf(csm.token, proposed.id)).toMatchObject({
      status: 'done',
      originalPayload: { field: 'stage', value: 'at_risk' },
      editedPayload: { field: 'stage', value: 'renewal' },
    });
  });
});
