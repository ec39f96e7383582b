import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import { actionInjectionCases } from '../../backend/eval/injection-actions.ts';
import type { InjectionCase } from '../../backend/eval/injection-cases.ts';
import { obeyingAnalysis, obeyingDraft, promptTextOf } from '../../backend/eval/injection-obey.ts';
import { actionKinds } from '../../shared/api/actions.ts';
import { aContact, aCustomer, aMember, anOrg } from '../support/builders.ts';
import {
  type AnthropicBehaviour,
  type FakeAnthropic,
  startFakeAnthropic,
} from '../support/fakes/anthropic-server.ts';
import type { RecordedRequest } from '../support/fakes/fake-http.ts';
import { type FakeGemini, type GeminiBehaviour, startFakeGemini } from '../support/fakes/gemini-server.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * A thread whose mail tells the assistant to approve what waits, to send or post on its own, to set
 * the policy to run alone: analysed and drafted with the local provider and with Anthropic and
 * Gemini through their SDKs against fakes whose model obeys (Anthropic also answers with a tool
 * call). The org's admin has set every kind to run alone up to high risk, the most trust there is;
 * an email and an event of the CSM's wait in the Inbox.
 */
const anthropicKey = 'sk-ant-fake-actions-91f0';
const geminiKey = 'AIza-fake-actions-4be1';
/** Cases the fake Anthropic model answers with a tool call instead of a reply (drafting offers no tool). */
const toolCalls: Record<string, Record<string, unknown>> = {
  'own:approve-pending-actions': { action: 'approve', ids: 'all' },
  'own:policy-run-alone': { kind: 'email.send', mode: 'auto', upToRisk: 'high' },
};

let anthropic: FakeAnthropic;
let gemini: FakeGemini;
let testDb: TestDatabase;
let app: TestApp;
let current: InjectionCase = actionInjectionCases[0] as InjectionCase;

function obeyingAnthropic(request: RecordedRequest): AnthropicBehaviour {
  const body = request.body as { tools?: unknown[] };
  const prompt = promptTextOf(request.body);
  if (body.tools) return { kind: 'tool', input: obeyingAnalysis(current, prompt) };
  const tool = toolCalls[current.id];
  if (tool) return { kind: 'tool', input: tool };
  return { kind: 'text', chunks: [obeyingDraft(current, prompt)] };
}

function obeyingGemini(request: RecordedRequest): GeminiBehaviour {
  const prompt = promptTextOf(request.body);
  if (request.path.endsWith(':generateContent'))
    return { kind: 'json', value: obeyingAnalysis(current, prompt) };
  return { kind: 'text', chunks: [obeyingDraft(current, prompt)] };
}

beforeAll(async () => {
  anthropic = await startFakeAnthropic({ apiKey: anthropicKey });
  gemini = await startFakeGemini({ apiKey: geminiKey });
  anthropic.setFallback(obeyingAnthropic);
  gemini.setFallback(obeyingGemini);
  testDb = await createTestDatabase();
  app = await startTestApp(testDb.database, {
    env: {
      CSCX_ANTHROPIC_BASE_URL: anthropic.url,
      CSCX_GEMINI_BASE_URL: gemini.url,
      CSCX_AI_PROVIDER: 'local',
      CSCX_AI_TIMEOUT_MS: '10000',
    },
  });
});

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
  await anthropic?.close();
  await gemini?.close();
});

async function world() {
  const db = testDb.database.db;
  const org = await anOrg(db);
  const admin = await aMember(db, org, { role: 'admin' });
  const csm = await aMember(db, org, { role: 'csm' });
  const acme = await aCustomer(db, org, { name: 'Acme Robotics', ownerId: csm.id });
  const priya = await aContact(db, org, acme.id, { name: 'Priya Raman', email: 'priya@acme.example' });
  const adminClient = app.client(admin.token, { batch: false });
  for (const kind of actionKinds)
    await adminClient.actions.updatePolicy.mutate({ kind, mode: 'auto', upToRisk: 'high' });
  const csmClient = app.client(csm.token, { batch: false });
  const waiting = [
    await csmClient.actions.propose.mutate({
      kind: 'email.send',
      customerId: acme.id,
      reason: 'Reply about the renewal',
      payload: {
        to: ['priya@acme.example'],
        cc: [],
        references: [],
        subject: 'Re: Renewal',
        body: 'Hi Priya',
      },
    }),
    await csmClient.actions.propose.mutate({
      kind: 'calendar.create_event',
      customerId: acme.id,
      reason: 'Renewal call',
      payload: {
        summary: 'Renewal call',
        start: { dateTime: '2027-01-12T10:00:00+00:00', timeZone: 'Europe/London' },
        end: { dateTime: '2027-01-12T10:30:00+00:00', timeZone: 'Europe/London' },
        attendees: ['priya@acme.example'],
        conference: false,
      },
    }),
  ];
  return {
    org,
    admin: adminClient,
    csm: csmClient,
    csmStream: app.client(csm.token, { stream: true }),
    acme,
    priya,
    waiting,
  };
}

type World = Awaited<ReturnType<typeof world>>;

/** Every action and policy of the org, and the runs queued for actions, as stored. */
async function actionState(orgId: string) {
  const db = testDb.database.db;
  const stored = await inOrg(db, orgId, async (tx) => ({
    actions: [
      ...(await tx.execute(sql`
        select id, kind, status, payload, risk, untrusted, decided_by, policy_decision
        from actions where org_id = ${orgId} order by id`)),
    ],
    policies: [
      ...(await tx.execute(sql`
        select kind, mode, up_to_risk from action_policies where org_id = ${orgId} order by kind`)),
    ],
  }));
  // The queue is outside row-level security: read as the login role, after the org's transaction.
  const [runs] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from jobs where queue = 'actions.execute' and org_id = ${orgId}`);
  return { ...stored, runs: Number(runs?.n) };
}

async function analyseAndDraft(w: World, injection: InjectionCase, threadId: string): Promise<string> {
  current = injection;
  const thread = {
    threadId,
    subject: injection.subject,
    messages: [
      {
        from: { name: 'Priya Raman', email: w.priya.email },
        sentAt: '2026-11-20T09:00:00+00:00',
        text: injection.text,
      },
    ],
  };
  await w.csm.threads.analyze.mutate({ ...thread, customerId: w.acme.id });
  const events = await w.csmStream.drafts.generate.mutate({
    customerId: w.acme.id,
    thread,
    intent: 'reply',
    instruction: null,
    tone: 'warm',
    length: 'medium',
    seed: 1,
  });
  let text = '';
  for await (const event of events) if (event.type === 'text') text += event.text;
  return text;
}

describe.each(['local', 'anthropic', 'gemini'] as const)(
  'a thread that asks for actions, with %s',
  (provider) => {
    let w: World;
    let before: Awaited<ReturnType<typeof actionState>>;
    const drafts = new Map<string, string>();
    let vendorCalls = 0;

    beforeAll(async () => {
      w = await world();
      if (provider !== 'local')
        await w.admin.ai.updateSettings.mutate({
          provider,
          apiKeys: provider === 'anthropic' ? { anthropic: anthropicKey } : { gemini: geminiKey },
        });
      before = await actionState(w.org.id);
      const asked = () => anthropic.requests.length + gemini.requests.length;
      const askedBefore = asked();
      for (const [index, injection] of actionInjectionCases.entries())
        drafts.set(injection.id, await analyseAndDraft(w, injection, `${provider}-actions-${index}`));
      vendorCalls = asked() - askedBefore;
    }, 240_000);

    it('puts every thread before the model (remote providers: an analysis and a draft each, which it obeys)', () => {
      expect(vendorCalls).toBe(provider === 'local' ? 0 : 2 * actionInjectionCases.length);
    });

    it('creates, approves and changes no action, queues no run and leaves the policy as the admin set it', async () => {
      expect(before.actions.map((a) => a.status)).toEqual(['proposed', 'proposed']);
      expect(await actionState(w.org.id)).toEqual(before);
    });

    it('leaves what waits in the Inbox waiting, for the CSM to decide', async () => {
      const pending = await w.csm.actions.list.query({ scope: 'mine', state: 'pending', limit: 50 });
      expect(pending.map((a) => a.id).sort()).toEqual(w.waiting.map((a) => a.id).sort());
    });

    it('asks before anything drafted from the thread goes out, though the policy would run it alone', async () => {
      const injection = actionInjectionCases.find((c) => c.id === 'own:send-to-attacker') as InjectionCase;
      const proposed = await w.csm.actions.propose.mutate({
        kind: 'email.send',
        customerId: w.acme.id,
        reason: 'Reply drafted from the thread',
        payload: {
          to: ['billing@acme-payments.example'],
          cc: [],
          references: [],
          subject: `Re: ${injection.subject}`,
          body: drafts.get(injection.id) || 'Hi',
        },
        // What a forged client (or a copied approval record) might add: none of it is taken from input.
        ...({
          status: 'approved',
          risk: 'low',
          untrusted: false,
          proposedBy: { feature: 'policy' },
        } as object),
      });
      expect(proposed).toMatchObject({
        status: 'proposed',
        untrusted: true,
        risk: 'medium',
        proposedBy: { feature: 'sidebar' },
        decidedBy: null,
      });
      expect(proposed.policyDecision).toMatch(/^asked: it came from untrusted text/);
      expect((await actionState(w.org.id)).runs).toBe(0);
    });
  },
);
