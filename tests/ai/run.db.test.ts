import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { estimateCostUsd } from '../../backend/ai/prices.ts';
import { AiProviderError } from '../../backend/ai/provider.ts';
import { type AiAnswer, streamTextWithAi } from '../../backend/ai/run.ts';
import { aiRuns } from '../../backend/db/schema.ts';
import { inOrg, orgRunner } from '../../backend/db/tenancy.ts';
import type { StreamingDeps } from '../../backend/deps.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { suiteWithAiFakes } from '../support/ai-suite.ts';
import { aContact, aCustomer, aMember, anOrg } from '../support/builders.ts';

const anthropicKey = 'sk-ant-fake-run-test-91d2';
const geminiKey = 'AIza-fake-run-test-3b0e';

const suite = suiteWithAiFakes({
  keys: { anthropic: anthropicKey, gemini: geminiKey },
  env: {
    ANTHROPIC_API_KEY: anthropicKey,
    GEMINI_API_KEY: geminiKey,
    CSCX_AI_PROVIDER: 'anthropic',
    // No test here waits for the time limit: a slow machine must not turn an answer into a timeout.
    CSCX_AI_TIMEOUT_MS: '15000',
  },
});

/** An org whose calls go to Anthropic, then Gemini, then local (the environment's keys). */
async function team() {
  const db = suite.testDb.database.db;
  const org = await anOrg(db, { domains: [] });
  const admin = await aMember(db, org, { role: 'admin' });
  const csm = await aMember(db, org, { role: 'csm' });
  const acme = await aCustomer(db, org, { name: 'Acme' });
  const priya = await aContact(db, org, acme.id, { name: 'Priya Raman', email: 'priya.raman@acme.example' });
  return {
    org,
    acme,
    priya,
    admin: suite.app.client(admin.token),
    csm: suite.app.client(csm.token),
    csmToken: csm.token,
  };
}

async function runsOf(org: OrgRef) {
  return inOrg(suite.testDb.database.db, org.id, (tx) =>
    tx.select().from(aiRuns).where(eq(aiRuns.orgId, org.id)).orderBy(aiRuns.createdAt),
  );
}

describe('a failed attempt', () => {
  it('still counts the tokens it was billed: an answer invalid twice (with its repair turn) at each vendor', async () => {
    const t = await team();
    const invalid = { sentiment: 'fine', urgency: 'whenever' };
    suite.anthropic.enqueue(
      { kind: 'tool', input: invalid, usage: { inputTokens: 1_000, outputTokens: 200 } },
      { kind: 'tool', input: invalid, usage: { inputTokens: 1_300, outputTokens: 250 } },
    );
    suite.gemini.enqueue(
      { kind: 'json', value: invalid, usage: { inputTokens: 900, outputTokens: 150 } },
      { kind: 'json', value: invalid, usage: { inputTokens: 1_100, outputTokens: 180 } },
    );
    const result = await t.csm.threads.analyze.mutate({
      threadId: `t-${crypto.randomUUID()}`,
      subject: 'SAML guide',
      customerId: t.acme.id,
      log: true,
      messages: [
        {
          from: { email: t.priya.email, name: 'Priya Raman' },
          sentAt: '2026-11-20T09:00:00+00:00',
          text: 'Could you send us the SAML setup guide?',
        },
      ],
    });
    expect(result).toMatchObject({ provider: 'local', fellBackFrom: 'anthropic' });

    const runs = await runsOf(t.org);
    expect(runs.map((r) => [r.provider, r.status, r.errorClass, r.inputTokens, r.outputTokens])).toEqual([
      ['anthropic', 'fell_back', 'invalid_output', 2_300, 450],
      ['gemini', 'fell_back', 'invalid_output', 2_000, 330],
      ['local', 'ok', null, expect.any(Number), expect.any(Number)],
    ]);
    const [claude, flash] = runs;
    expect(claude?.costUsd).toBeCloseTo(
      estimateCostUsd('anthropic', claude?.model ?? '', { inputTokens: 2_300, outputTokens: 450 }),
      8,
    );
    expect(flash?.costUsd).toBeGreaterThan(0);
    const usage = await t.admin.ai.usage.query({ days: 30 });
    expect(usage.byProvider.find((p) => p.provider === 'anthropic')).toMatchObject({
      calls: 1,
      failed: 1,
      inputTokens: 2_300,
      outputTokens: 450,
    });
  });
});

const privacy = { knownNames: ['Priya Raman'], allowedTerms: ['Acme'] };

/** The deps a streaming procedure hands its handler, for the CSM signed in with `token`. */
async function streamingDeps(token: string): Promise<StreamingDeps> {
  const { transactions, ...appDeps } = suite.app.deps;
  const outcome = await transactions.asBearer(token, appDeps.clock.now(), async () => undefined);
  if (!outcome) throw new Error('the test token did not resolve');
  return { ...appDeps, principal: outcome.principal, ...orgRunner(transactions, outcome.principal.orgId) };
}

function aStream(deps: StreamingDeps, signal = new AbortController().signal) {
  return streamTextWithAi(deps, {
    feature: 'thread.analysis',
    system: 'Summarise the thread in two lines.',
    blocks: [
      {
        label: 'Message 0 from customer',
        text: 'Priya Raman here: could you send us the SAML setup guide before Friday?',
        untrusted: true,
      },
    ],
    task: {
      kind: 'thread.analysis',
      input: {
        subject: 'SAML guide',
        messages: [
          {
            from: { email: 'priya.raman@acme.example', name: 'Priya Raman' },
            sentAt: '2026-11-20T09:00:00+00:00',
            text: 'Priya Raman here: could you send us the SAML setup guide before Friday?',
          },
        ],
        ownAddresses: [],
        now: '2026-11-20T10:00:00.000Z',
      },
    },
    maxOutputTokens: 200,
    signal,
    privacy,
  });
}

/** Every chunk the caller receives, and the answer the stream returns (or the error it ends with). */
async function drain(stream: AsyncGenerator<string, AiAnswer>) {
  const chunks: string[] = [];
  try {
    for (;;) {
      const next = await stream.next();
      if (next.done) return { chunks, answer: next.value, error: undefined };
      chunks.push(next.value);
    }
  } catch (error) {
    return { chunks, answer: undefined, error };
  }
}

function placeholderIn(body: unknown): string {
  return /<PERSON_\d+>/.exec(JSON.stringify(body))?.[0] ?? '<no placeholder sent>';
}

describe('streamed text through the chain', () => {
  it('hands over to the next provider when the first fails before its first chunk; each attempt metered', async () => {
    const t = await team();
    const deps = await streamingDeps(t.csmToken);
    // The stream opens (its input tokens counted), then breaks before any text.
    suite.anthropic.enqueue({
      kind: 'text',
      chunks: [],
      usage: { inputTokens: 420 },
      end: { errorType: 'overloaded_error' },
    });
    suite.gemini.enqueue({
      kind: 'text',
      chunks: ['The customer ', 'asks for ', 'the SAML guide.'],
      delayMs: 120,
    });
    const { chunks, answer, error } = await drain(aStream(deps));

    expect(error).toBeUndefined();
    expect(chunks.join('')).toBe('The customer asks for the SAML guide.');
    expect(answer).toMatchObject({ provider: 'gemini', fellBackFrom: 'anthropic' });
    const [first, second, ...more] = await runsOf(t.org);
    expect(more).toEqual([]);
    expect(first).toMatchObject({
      provider: 'anthropic',
      status: 'fell_back',
      errorClass: 'overloaded',
      inputTokens: 420,
      firstTokenMs: null,
    });
    expect(second).toMatchObject({ provider: 'gemini', status: 'ok', errorClass: null });
    // The first chunk came after the fake's delay; the whole answer after three of them.
    expect(second?.firstTokenMs).toBeGreaterThanOrEqual(110);
    expect(second?.latencyMs).toBeGreaterThanOrEqual(3 * 110);
    expect(second?.latencyMs).toBeGreaterThan(second?.firstTokenMs ?? Number.POSITIVE_INFINITY);
    expect(second?.outputTokens).toBeGreaterThan(0);
  });

  it('does not start again elsewhere once text has reached the caller: the error reaches it', async () => {
    const t = await team();
    const deps = await streamingDeps(t.csmToken);
    const geminiRequests = suite.gemini.requests.length;
    suite.anthropic.enqueue({
      kind: 'text',
      chunks: ['The customer asks ', 'for'],
      end: { errorType: 'overloaded_error' },
    });
    const { chunks, answer, error } = await drain(aStream(deps));

    expect(chunks.join('')).toBe('The customer asks for');
    expect(answer).toBeUndefined();
    expect(error).toBeInstanceOf(AiProviderError);
    expect(error).toMatchObject({ provider: 'anthropic', errorClass: 'overloaded' });
    expect(suite.gemini.requests.length).toBe(geminiRequests);
    expect((await runsOf(t.org)).map((r) => [r.provider, r.status, r.errorClass])).toEqual([
      ['anthropic', 'failed', 'overloaded'],
    ]);
  });

  it('restores a placeholder the vendor split across chunks, and leaves one it invented', async () => {
    const t = await team();
    const deps = await streamingDeps(t.csmToken);
    const index = suite.anthropic.requests.length;
    suite.anthropic.enqueue((request) => {
      const person = placeholderIn(request.body);
      const cut = Math.ceil(person.length / 2);
      return {
        kind: 'text',
        chunks: ['Reply to <', `${person.slice(1, cut)}`, `${person.slice(cut)} and cc <PERSON_99>.`],
      };
    });
    const { chunks, error } = await drain(aStream(deps));

    expect(error).toBeUndefined();
    const sent = JSON.stringify((await suite.anthropic.requestAt(index)).body);
    expect(sent).not.toContain('Priya');
    expect(sent).toMatch(/<PERSON_\d+>/);
    expect(chunks.join('')).toBe('Reply to Priya Raman and cc <PERSON_99>.');
    // No chunk carried a piece of the placeholder on its own.
    expect(chunks.some((c) => c.includes('<PERSON_') && !c.includes('<PERSON_99>'))).toBe(false);
  });

  it('closes the vendor’s connection when the caller stops reading, and records the attempt as aborted', async () => {
    const t = await team();
    const deps = await streamingDeps(t.csmToken);
    const index = suite.anthropic.requests.length;
    suite.anthropic.enqueue({
      kind: 'text',
      chunks: ['Draft ', 'in ', 'progress'],
      delayMs: 30,
      end: 'hang',
    });
    const stream = aStream(deps);
    const first = await stream.next();
    expect(first).toEqual({ done: false, value: 'Draft ' });
    await stream.return({ provider: 'anthropic', model: '', fellBackFrom: null });

    const upstream = await suite.anthropic.requestAt(index);
    await upstream.socketClosed;
    expect(await upstream.outcome).toBe('client_closed');
    const [run, ...more] = await runsOf(t.org);
    expect(more).toEqual([]);
    expect(run).toMatchObject({ provider: 'anthropic', status: 'aborted', errorClass: null });
    expect(run?.firstTokenMs).toBeGreaterThanOrEqual(25);
  });

  it('stops the vendor’s stream when the caller’s signal aborts mid-stream', async () => {
    const t = await team();
    const deps = await streamingDeps(t.csmToken);
    const index = suite.anthropic.requests.length;
    suite.anthropic.enqueue({ kind: 'text', chunks: ['Draft ', 'in ', 'progress'], end: 'hang' });
    const stop = new AbortController();
    const stream = aStream(deps, stop.signal);
    expect(await stream.next()).toEqual({ done: false, value: 'Draft ' });
    stop.abort();
    const { error } = await drain(stream);

    expect(error).toMatchObject({ provider: 'anthropic', errorClass: 'aborted' });
    const upstream = await suite.anthropic.requestAt(index);
    await upstream.socketClosed;
    expect(await upstream.outcome).toBe('client_closed');
    expect((await runsOf(t.org)).map((r) => [r.provider, r.status, r.errorClass])).toEqual([
      ['anthropic', 'aborted', 'aborted'],
    ]);
  });
});
