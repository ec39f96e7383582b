import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { proposeAction } from '../../backend/actions/propose.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { EmailSendPayload, ProposeActionInput } from '../../shared/api/actions.ts';
import { aCustomer, aMember, anOrg } from '../support/builders.ts';
import { drainQueue, suiteWithActions } from './actions-suite.ts';

const suite = suiteWithActions();
const db = () => suite.testDb.database.db;
const client = (token: string) => suite.app.client(token, { batch: false });

async function aTeam() {
  const org = await anOrg(db());
  const csm = await aMember(db(), org, { role: 'csm' });
  const other = await aMember(db(), org, { role: 'csm' });
  const admin = await aMember(db(), org, { role: 'admin' });
  const customer = await aCustomer(db(), org, { ownerId: csm.id });
  return { org, csm, other, admin, customer };
}

const emailPayload = (overrides: Partial<EmailSendPayload> = {}): EmailSendPayload => ({
  to: ['dana@acme.example'],
  cc: [],
  references: [],
  subject: 'Re: Renewal',
  body: 'Hi Dana, the quote is attached.',
  threadId: 'thread-1',
  ...overrides,
});

const reply = (customerId: string, overrides: Partial<EmailSendPayload> = {}) => ({
  kind: 'email.send' as const,
  customerId,
  reason: 'Dana asked for the renewal quote',
  payload: emailPayload(overrides),
});

const jobsOfAction = async (actionId: string) =>
  db().execute<{ state: string }>(
    sql`select state from jobs where queue = 'actions.execute' and payload->>'actionId' = ${actionId}`,
  );

describe('proposing from the sidebar', () => {
  it('waits for a person, with risk and provenance set by the server whatever the client sent', async () => {
    const { csm, customer } = await aTeam();
    const forged = {
      ...reply(customer.id),
      risk: 'low',
      untrusted: false,
      proposedBy: { feature: 'health', aiRunId: null, rule: 'auto', userId: null },
    } as unknown as ProposeActionInput;
    const action = await client(csm.token).actions.propose.mutate(forged);
    expect(action).toMatchObject({
      status: 'proposed',
      risk: 'medium',
      untrusted: true,
      forUserId: csm.id,
      proposedBy: { feature: 'sidebar', userId: csm.id, aiRunId: null, rule: null },
    });
    expect(action.policyDecision).toMatch(/^asked: policy “always ask” for email.send/);
    expect(await jobsOfAction(action.id)).toHaveLength(0);
    const pending = await client(csm.token).actions.list.query({ scope: 'mine', state: 'pending' });
    expect(pending.map((a) => a.id)).toEqual([action.id]);
  });

  it('returns the same action when sent again with the same idempotency key', async () => {
    const { csm, customer } = await aTeam();
    const input = { ...reply(customer.id), idempotencyKey: 'compose-42-send' };
    const first = await client(csm.token).actions.propose.mutate(input);
    const again = await client(csm.token).actions.propose.mutate(input);
    expect(again.id).toBe(first.id);
  });

  it('refuses a payload that breaks its kind’s schema, such as a header with a line break', async () => {
    const { csm, customer } = await aTeam();
    const bad = reply(customer.id, { subject: 'Hello\r\nBcc: everyone@evil.example' });
    await expect(client(csm.token).actions.propose.mutate(bad)).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
  });
});

describe('deciding', () => {
  it('sends an approved reply once, in its thread, with a Message-ID made from the action', async () => {
    const { csm, customer } = await aTeam();
    await suite.connectGoogle(csm);
    const proposed = await client(csm.token).actions.propose.mutate(
      reply(customer.id, { inReplyTo: '<first@acme.example>', references: ['<root@acme.example>'] }),
    );
    const approved = await client(csm.token).actions.approve.mutate({ id: proposed.id, note: 'looks right' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: csm.id, decisionNote: 'looks right' });

    expect(await drainQueue(suite.app)).toEqual(['done']);
    expect(suite.gmail.sent).toHaveLength(1);
    const [sent] = suite.gmail.sent;
    expect(sent?.threadId).toBe('thread-1');
    expect(sent?.headers).toMatchObject({
      to: 'dana@acme.example',
      subject: 'Re: Renewal',
      'in-reply-to': '<first@acme.example>',
      references: '<root@acme.example> <first@acme.example>',
    });
    expect(sent?.headers['message-id']).toContain(proposed.id);
    expect(sent?.body).toBe('Hi Dana, the quote is attached.');

    const [done] = await client(csm.token).actions.list.query({ scope: 'mine', state: 'history' });
    expect(done).toMatchObject({ id: proposed.id, status: 'done', attempts: 1 });
    expect(done?.outcome).toMatchObject({ gmailMessageId: sent?.id, threadId: 'thread-1' });
    const audit = await inOrg(db(), csm.orgId, (tx) =>
      tx.execute<{ action: string }>(
        sql`select action from audit_log where row_id = ${proposed.id} order by id`,
      ),
    );
    expect(audit.map((row) => row.action)).toEqual([
      'action.proposed',
      'action.approved',
      'action.executing',
      'action.done',
    ]);
  });

  it('names the thread’s last message in In-Reply-To and References when the proposal gave only the thread', async () => {
    const { csm, customer } = await aTeam();
    await suite.connectGoogle(csm);
    const proposed = await client(csm.token).actions.propose.mutate(reply(customer.id));
    await client(csm.token).actions.approve.mutate({ id: proposed.id });
    expect(await drainQueue(suite.app)).toEqual(['done']);
    expect(suite.gmail.sent[0]?.headers).toMatchObject({
      'in-reply-to': '<second@acme.example>',
      references: '<root@acme.example> <second@acme.example>',
    });
    expect(suite.gmail.sent[0]?.threadId).toBe('thread-1');
  });

  it('holds a scheduled send in the queue until its time', async () => {
    const { csm, customer } = await aTeam();
    await suite.connectGoogle(csm);
    const sendAt = new Date(suite.clock.now().getTime() + 60 * 60_000).toISOString();
    const proposed = await client(csm.token).actions.propose.mutate(reply(customer.id, { sendAt }));
    await client(csm.token).actions.approve.mutate({ id: proposed.id });
    expect(await drainQueue(suite.app)).toEqual([]);
    expect(suite.gmail.sent).toHaveLength(0);
    suite.clock.advance(61 * 60_000);
    expect(await drainQueue(suite.app)).toEqual(['done']);
    expect(suite.gmail.sent).toHaveLength(1);
  });

  it('never runs a rejected action, and an approval after the rejection is refused', async () => {
    const { csm, customer } = await aTeam();
    await suite.connectGoogle(csm);
    const proposed = await client(csm.token).actions.propose.mutate(reply(customer.id));
    const rejected = await client(csm.token).actions.reject.mutate({ id: proposed.id, note: 'wrong quote' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'wrong quote' });
    await expect(client(csm.token).actions.approve.mutate({ id: proposed.id })).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
    });
    expect(await drainQueue(suite.app)).toEqual([]);
    expect(suite.gmail.sent).toHaveLength(0);
    expect(await jobsOfAction(proposed.id)).toHaveLength(0);
  });

  it('ends an approval racing a rejection in exactly one of them', async () => {
    const { csm, admin, customer } = await aTeam();
    for (let round = 0; round < 5; round++) {
      const proposed = await client(csm.token).actions.propose.mutate(reply(customer.id));
      const [approval, rejection] = await Promise.allSettled([
        client(csm.token).actions.approve.mutate({ id: proposed.id }),
        client(admin.token).actions.reject.mutate({ id: proposed.id }),
      ]);
      const won = [approval, rejection].filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const history = await client(admin.token).actions.list.query({
        scope: 'all',
        state: 'history',
        limit: 200,
      });
      const stored = history.find((a) => a.id === proposed.id);
      expect(stored?.status).toBe(approval.status === 'fulfilled' ? 'approved' : 'rejected');
      expect(await jobsOfAction(proposed.id)).toHaveLength(approval.status === 'fulfilled' ? 1 : 0);
    }
  });

  it('lets only the sender or an admin approve an email', async () => {
    const { csm, other, admin, customer } = await aTeam();
    const proposed = await client(csm.token).actions.propose.mutate(reply(customer.id));
    await expect(client(other.token).actions.approve.mutate({ id: proposed.id })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    const approved = await client(admin.token).actions.approve.mutate({ id: proposed.id });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: admin.id });
  });

  it('keeps both payloads on an edit, and the sender’s edit of a CSCX draft teaches their style', async () => {
    const { org, csm, customer } = await aTeam();
    await suite.connectGoogle(csm);
    const draftText = 'Hello Dana,\n\nPlease find the renewal quote attached.\n\nKind regards';
    const [draft] = await inOrg(db(), org.id, (tx) =>
      tx.execute<{ id: string }>(sql`
        insert into drafts (org_id, user_id, customer_id, intent, tone, length, seed, provider, model, text)
        values (${org.id}, ${csm.id}, ${customer.id}, 'reply', 'friendly', 'short', 1, 'local', 'local', ${draftText})
        returning id`),
    );
    const original = emailPayload({ body: draftText, ...(draft ? { draftId: draft.id } : {}) });
    const proposed = await client(csm.token).actions.propose.mutate({
      ...reply(customer.id),
      payload: original,
    });
    const editedBody = 'Hey Dana,\n\nHere is the renewal quote.\n\nCheers';
    const edited = await client(csm.token).actions.edit.mutate({
      id: proposed.id,
      kind: 'email.send',
      payload: { ...original, body: editedBody },
    });
    expect(edited.status).toBe('edited');
    expect(edited.originalPayload).toMatchObject({ body: draftText });
    expect(edited.editedPayload).toMatchObject({ body: editedBody });
    const feedback = await inOrg(db(), org.id, (tx) =>
      tx.execute<{ sent_text: string }>(
        sql`select sent_text from draft_feedback where draft_id = ${draft?.id}`,
      ),
    );
    expect(feedback.map((row) => row.sent_text)).toEqual([editedBody]);

    await drainQueue(suite.app);
    expect(suite.gmail.sent.map((m) => m.body)).toEqual([editedBody]);
  });
});

describe('the Inbox lists', () => {
  it('mine, my customers’ and, for admins only, all', async () => {
    const { org, csm, other, admin, customer } = await aTeam();
    const elsewhere = await aCustomer(db(), org, { ownerId: other.id });
    const ofMine = await client(other.token).actions.propose.mutate(reply(customer.id));
    const ofTheirs = await client(other.token).actions.propose.mutate(reply(elsewhere.id));
    const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();
    expect(ids(await client(csm.token).actions.list.query({ scope: 'customers' }))).toEqual([ofMine.id]);
    expect(ids(await client(csm.token).actions.list.query({ scope: 'mine' }))).toEqual([]);
    expect(ids(await client(other.token).actions.list.query({ scope: 'mine' }))).toEqual(
      [ofMine.id, ofTheirs.id].sort(),
    );
    await expect(client(csm.token).actions.list.query({ scope: 'all' })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    expect(ids(await client(admin.token).actions.list.query({ scope: 'all' }))).toEqual(
      [ofMine.id, ofTheirs.id].sort(),
    );
  });
});

describe('bulk approval', () => {
  it('approves the low-risk ones and leaves the rest for a look one by one', async () => {
    const { csm, customer } = await aTeam();
    const task = await client(csm.token).actions.propose.mutate({
      kind: 'task.create',
      customerId: customer.id,
      reason: 'Follow up after the QBR',
      payload: { title: 'Send the QBR deck' },
    });
    const email = await client(csm.token).actions.propose.mutate(reply(customer.id));
    const result = await client(csm.token).actions.bulkApprove.mutate({ ids: [task.id, email.id] });
    expect(result.approved).toEqual([task.id]);
    expect(result.skipped).toEqual([{ id: email.id, reason: 'risk medium: approve it on its own' }]);

    expect(await drainQueue(suite.app)).toEqual(['done']);
    const tasks = await inOrg(db(), csm.orgId, (tx) =>
      tx.execute<{ title: string }>(sql`select title from tasks where external_id = ${task.id}`),
    );
    expect(tasks.map((t) => t.title)).toEqual(['Send the QBR deck']);
  });
});

describe('policy', () => {
  it('asks for every outbound kind by default, and lets an admin change that', async () => {
    const { csm, admin } = await aTeam();
    const { policies } = await client(admin.token).actions.policy.query();
    expect(policies).toContainEqual({ kind: 'email.send', mode: 'ask', isDefault: true });
    await expect(client(csm.token).actions.policy.query()).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    const changed = await client(admin.token).actions.updatePolicy.mutate({
      kind: 'email.send',
      mode: 'auto',
      upToRisk: 'medium',
    });
    expect(changed.policies).toContainEqual({
      kind: 'email.send',
      mode: 'auto',
      upToRisk: 'medium',
      isDefault: false,
    });
  });

  it('runs a trusted proposal alone within the policy and says so; untrusted text still asks', async () => {
    const { org, csm, admin, customer } = await aTeam();
    await suite.connectGoogle(csm);
    await client(admin.token).actions.updatePolicy.mutate({
      kind: 'email.send',
      mode: 'auto',
      upToRisk: 'medium',
    });
    const fromFeature = (untrusted: boolean, to: string[]) =>
      inOrg(db(), org.id, (tx) =>
        proposeAction(
          { db: tx, clock: suite.clock },
          {
            kind: 'email.send',
            payload: emailPayload({ to }),
            orgId: org.id,
            customerId: customer.id,
            forUserId: csm.id,
            proposedBy: { feature: 'health', aiRunId: null, rule: 'renewal-reminder', userId: null },
            reason: 'Renewal in 30 days',
            untrusted,
          },
        ),
      );
    const alone = await fromFeature(false, ['dana@acme.example']);
    expect(alone.status).toBe('approved');
    expect(alone.policyDecision).toBe(
      'ran alone: policy “run alone up to medium risk” for email.send, risk medium',
    );
    const fromEmail = await fromFeature(true, ['dana@acme.example']);
    expect(fromEmail.status).toBe('proposed');
    expect(fromEmail.policyDecision).toMatch(/^asked: it came from untrusted text/);
    const wide = await fromFeature(false, ['dana@acme.example', 'lee@acme.example']);
    expect(wide.status).toBe('proposed');
    expect(wide.policyDecision).toMatch(/^asked: risk high is above/);

    expect(await drainQueue(suite.app)).toEqual(['done']);
    expect(suite.gmail.sent).toHaveLength(1);

    await client(admin.token).actions.updatePolicy.mutate({ kind: 'email.send', mode: 'never' });
    const refused = await fromFeature(false, ['dana@acme.example']);
    expect(refused.status).toBe('rejected');
    expect(refused.policyDecision).toBe('refused: policy “never” for email.send');
  });
});
