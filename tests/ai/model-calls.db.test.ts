import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { aiRuns, auditLog, orgAiSettings } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import type { AnalyzeThreadInput, ThreadAnalysis } from '../../shared/api/threads.ts';
import { suiteWithAiFakes } from '../support/ai-suite.ts';
import { aContact, aCustomer, aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';
import type { RecordedRequest } from '../support/fakes/fake-http.ts';

const orgAnthropicKey = 'sk-ant-fake-org-secret-4f9a';
const envGeminiKey = 'AIza-fake-env-secret-77c1';
const timeoutMs = 4_000;

const suite = suiteWithAiFakes({
  keys: { anthropic: orgAnthropicKey, gemini: envGeminiKey },
  env: {
    GEMINI_API_KEY: envGeminiKey,
    CSCX_AI_TIMEOUT_MS: String(timeoutMs),
  },
});

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
    csmEmail: csm.email,
    admin: suite.app.client(admin.token),
    csm: suite.app.client(csm.token),
    csmToken: csm.token,
  };
}

type Team = Awaited<ReturnType<typeof team>>;

const askText =
  'Hi, this is Priya Raman (priya.raman@acme.example, +1 415 555 0134). Could you send us the SAML setup guide?';

function aThread(t: Team, threadId = `t-${crypto.randomUUID()}`): AnalyzeThreadInput {
  return {
    threadId,
    subject: 'SAML guide',
    customerId: t.acme.id,
    log: true,
    messages: [
      {
        from: { email: t.priya.email, name: 'Priya Raman' },
        sentAt: '2026-11-20T09:00:00+00:00',
        text: askText,
      },
    ],
  };
}

function anAnalysis(summary: string): ThreadAnalysis {
  return {
    sentiment: { score: 0.1, label: 'neutral' },
    urgency: 'normal',
    asks: [{ quote: 'Could you send us the SAML setup guide?', messageIndex: 0, kind: 'request' }],
    commitments: [],
    needsReply: true,
    summary,
  };
}

async function useAnthropic(t: Team) {
  await t.admin.ai.updateSettings.mutate({ provider: 'anthropic', apiKeys: { anthropic: orgAnthropicKey } });
}

async function runsOf(org: OrgRef) {
  return inOrg(suite.testDb.database.db, org.id, (tx) =>
    tx.select().from(aiRuns).where(eq(aiRuns.orgId, org.id)).orderBy(aiRuns.createdAt),
  );
}

function sentText(request: RecordedRequest): string {
  return JSON.stringify(request.body);
}

describe('AI settings', () => {
  it('seal an org’s API key: never answered back, not readable in the database or the audit log', async () => {
    const t = await team();
    const saved = await t.admin.ai.updateSettings.mutate({
      provider: 'anthropic',
      apiKeys: { anthropic: orgAnthropicKey },
    });
    expect(saved).toMatchObject({
      provider: 'anthropic',
      keys: { anthropic: 'org', gemini: 'environment' },
      fallbackChain: ['anthropic', 'gemini', 'local'],
      redaction: true,
    });
    expect(JSON.stringify(saved)).not.toContain('org-secret');
    expect(JSON.stringify(await t.admin.ai.settings.query())).not.toContain('org-secret');

    const [row] = await inOrg(suite.testDb.database.db, t.org.id, (tx) =>
      tx.select().from(orgAiSettings).where(eq(orgAiSettings.orgId, t.org.id)),
    );
    expect(row?.anthropicKeySealed).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain('org-secret');
    const audit = await inOrg(suite.testDb.database.db, t.org.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.orgId, t.org.id), eq(auditLog.action, 'ai_settings.update'))),
    );
    expect(audit[0]?.changes).toMatchObject({ provider: 'anthropic', apiKeys: ['anthropic: set'] });
    expect(JSON.stringify(audit)).not.toContain('org-secret');

    const removed = await t.admin.ai.updateSettings.mutate({ apiKeys: { anthropic: null } });
    expect(removed.keys.anthropic).toBe('none');
    expect(removed.fallbackChain).toEqual(['gemini', 'local']);
  });

  it('are for admins only', async () => {
    const t = await team();
    expect(await errorOf(t.csm.ai.settings.query())).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(t.csm.ai.updateSettings.mutate({ provider: 'local' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await errorOf(t.csm.ai.usage.query({ days: 30 }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await errorOf(t.admin.ai.updateSettings.mutate({ apiKeys: { anthropic: 'short' } })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('a thread analysed by a remote model', () => {
  it('leaves redacted, in a labelled data block, and comes back restored; a placeholder the model invented stays one', async () => {
    const t = await team();
    await useAnthropic(t);
    const from = suite.anthropic.requests.length;
    suite.anthropic.enqueue((request) => {
      const person = /<PERSON_\d+>/.exec(sentText(request))?.[0] ?? 'nobody';
      return { kind: 'tool', input: anAnalysis(`${person} asks for the SAML guide; <PERSON_99> is cc'd.`) };
    });
    const result = await t.csm.threads.analyze.mutate(aThread(t));

    expect(result).toMatchObject({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      fellBackFrom: null,
      logged: 'recorded',
    });
    const sent = sentText(await suite.anthropic.requestAt(from));
    expect(sent).not.toContain('Priya');
    expect(sent).not.toContain('priya.raman@acme.example');
    expect(sent).not.toContain('555 0134');
    expect(sent).toContain('untrusted_data');
    expect(sent).toContain('Could you send us the SAML setup guide?');
    expect(result.analysis.summary).toBe("Priya Raman asks for the SAML guide; <PERSON_99> is cc'd.");
    expect(result.analysis.asks[0]?.quote).toBe('Could you send us the SAML setup guide?');

    const [run, ...more] = await runsOf(t.org);
    expect(more).toEqual([]);
    expect(run).toMatchObject({
      feature: 'thread.analysis',
      provider: 'anthropic',
      status: 'ok',
      errorClass: null,
    });
    expect(run?.inputTokens).toBeGreaterThan(0);
    expect(run?.costUsd).toBeGreaterThan(0);
    const usage = await t.admin.ai.usage.query({ days: 30 });
    expect(usage.byFeature).toEqual([
      expect.objectContaining({ feature: 'thread.analysis', calls: 1, failed: 0 }),
    ]);
    expect(usage.byUser).toEqual([expect.objectContaining({ email: t.csmEmail, calls: 1 })]);
  });

  it('goes as it is when the org turned redaction off', async () => {
    const t = await team();
    await useAnthropic(t);
    await t.admin.ai.updateSettings.mutate({ redaction: false });
    const from = suite.anthropic.requests.length;
    suite.anthropic.enqueue({ kind: 'tool', input: anAnalysis('Priya asks for the guide.') });
    await t.csm.threads.analyze.mutate(aThread(t));
    expect(sentText(await suite.anthropic.requestAt(from))).toContain('priya.raman@acme.example');
  });

  it('falls back when the chosen provider is overloaded, and to local when every remote one fails', async () => {
    const t = await team();
    await useAnthropic(t);
    suite.anthropic.enqueue({ kind: 'error', status: 529 });
    suite.gemini.enqueue({ kind: 'json', value: anAnalysis('Gemini answered.') });
    const second = await t.csm.threads.analyze.mutate(aThread(t));
    expect(second).toMatchObject({ provider: 'gemini', fellBackFrom: 'anthropic' });
    expect(second.analysis.summary).toBe('Gemini answered.');

    suite.anthropic.enqueue({ kind: 'error', status: 429 });
    suite.gemini.enqueue({ kind: 'error', status: 503 });
    const last = await t.csm.threads.analyze.mutate(aThread(t));
    expect(last).toMatchObject({ provider: 'local', fellBackFrom: 'anthropic' });
    expect(last.analysis.asks.some((a) => a.quote.includes('send us the SAML setup guide'))).toBe(true);

    expect((await runsOf(t.org)).map((r) => [r.provider, r.status, r.errorClass])).toEqual([
      ['anthropic', 'fell_back', 'overloaded'],
      ['gemini', 'ok', null],
      ['anthropic', 'fell_back', 'rate_limited'],
      ['gemini', 'fell_back', 'unavailable'],
      ['local', 'ok', null],
    ]);
  });

  it('holds no transaction while the model is silent: another request is answered at once, the call times out and falls back', async () => {
    const t = await team();
    await useAnthropic(t);
    suite.anthropic.enqueue({ kind: 'hang' });
    suite.gemini.enqueue({ kind: 'json', value: anAnalysis('After the timeout.') });
    const started = performance.now();
    const analysis = t.csm.threads.analyze.mutate(aThread(t));
    await suite.anthropic.requestAt(0);

    const pingStarted = performance.now();
    for (let i = 0; i < 5; i++) await suite.app.client(t.csmToken, { batch: false }).system.ping.query();
    expect(performance.now() - pingStarted).toBeLessThan(1_000);

    const result = await analysis;
    expect(result).toMatchObject({ provider: 'gemini', fellBackFrom: 'anthropic' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect((await runsOf(t.org))[0]).toMatchObject({
      provider: 'anthropic',
      status: 'fell_back',
      errorClass: 'timeout',
    });
  });

  it('stops upstream when the client goes away: the vendor’s connection closes and the run is recorded as aborted', async () => {
    const t = await team();
    await useAnthropic(t);
    const index = suite.anthropic.requests.length;
    suite.anthropic.enqueue({ kind: 'hang' });
    const stop = new AbortController();
    const call = suite.app
      .client(t.csmToken, { batch: false })
      .threads.analyze.mutate(aThread(t), { signal: stop.signal });
    const upstream = await suite.anthropic.requestAt(index);
    stop.abort();
    await expect(call).rejects.toThrow();
    await upstream.socketClosed;
    expect(await upstream.outcome).toBe('client_closed');
    await expect
      .poll(async () => (await runsOf(t.org)).map((r) => [r.provider, r.status]))
      .toEqual([['anthropic', 'aborted']]);
  });

  it('never writes a key or the thread’s text into the log', async () => {
    const t = await team();
    await useAnthropic(t);
    suite.anthropic.enqueue({ kind: 'error', status: 500, message: 'upstream exploded' });
    suite.gemini.enqueue({ kind: 'error', status: 503, message: 'down' });
    await t.csm.threads.analyze.mutate(aThread(t));
    const log = suite.app.logLines.join('\n');
    expect(log).toContain('fell back');
    for (const secret of [
      orgAnthropicKey,
      envGeminiKey,
      'SAML setup guide',
      'Priya',
      'priya.raman@acme.example',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
