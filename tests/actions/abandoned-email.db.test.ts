import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import { aCustomer, aMember, anOrg } from '../support/builders.ts';
import { drainQueue, suiteWithActions } from './actions-suite.ts';

const suite = suiteWithActions();
const db = () => suite.testDb.database.db;

async function anApprovedEmailRunOnce() {
  const org = await anOrg(db());
  const csm = await aMember(db(), org, { role: 'csm' });
  const customer = await aCustomer(db(), org, { ownerId: csm.id });
  await suite.connectGoogle(csm);
  const client = suite.app.client(csm.token, { batch: false });
  const { id } = await client.actions.propose.mutate({
    kind: 'email.send',
    customerId: customer.id,
    reason: 'Reply to the renewal question',
    payload: { to: ['dana@acme.example'], cc: [], references: [], subject: 'Re: Renewal', body: 'Hi Dana' },
  });
  await client.actions.approve.mutate({ id });
  return { org, csm, id, client };
}

/** The job's five runs each died midway (the lease ran out), the action left executing. */
async function diedOnEveryAttempt(orgId: string, actionId: string) {
  await db().execute(sql`
    update jobs set state = 'running', attempts = 5, locked_by = 'a dead worker',
      locked_until = now() - interval '1 second', run_at = now() - interval '1 second'
    where payload->>'actionId' = ${actionId}`);
  await inOrg(db(), orgId, (tx) =>
    tx.execute(sql`update actions set status = 'executing', attempts = 5 where id = ${actionId}`),
  );
}

describe('an email whose every worker died', () => {
  it('is done, not dead, when Gmail holds the message one of them sent: the customer has it', async () => {
    const { org, id, client } = await anApprovedEmailRunOnce();
    // The send reached Gmail, and the worker never heard back.
    suite.gmail.onSend = () => 'drop';
    expect(await drainQueue(suite.app)).toEqual(['retried']);
    suite.gmail.onSend = undefined;
    await diedOnEveryAttempt(org.id, id);

    expect(await drainQueue(suite.app)).toEqual(['done']);
    expect(suite.gmail.sent).toHaveLength(1);
    const search = suite.gmail.requests.filter((r) => r.method === 'GET').at(-1);
    expect(search?.query.q).toBe(`rfc822msgid:${suite.gmail.sent[0]?.headers['message-id']?.slice(1, -1)}`);
    const history = await client.actions.list.query({ scope: 'mine', state: 'history', limit: 50 });
    const action = history.find((a) => a.id === id);
    expect(action).toMatchObject({ status: 'done', lastError: null });
    expect(action?.outcome).toMatchObject({ gmailMessageId: suite.gmail.sent[0]?.id, foundSent: true });
  });

  it('is dead, saying so, when Gmail cannot be asked whether one got through', async () => {
    const { org, id, client } = await anApprovedEmailRunOnce();
    await diedOnEveryAttempt(org.id, id);
    suite.gmail.acceptsToken = () => false;
    try {
      expect(await drainQueue(suite.app)).toEqual(['done']);
    } finally {
      suite.gmail.acceptsToken = (token) => token.startsWith('ya29.');
    }
    const history = await client.actions.list.query({ scope: 'mine', state: 'history', limit: 50 });
    const action = history.find((a) => a.id === id);
    expect(action?.status).toBe('dead');
    expect(action?.lastError).toMatch(
      /^its worker stopped before it finished, 5 times, and whether one got through could not be checked: Google 401/,
    );
    expect(suite.gmail.sent).toHaveLength(0);
  });
});
