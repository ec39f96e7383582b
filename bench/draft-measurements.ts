import { createTRPCClient, httpBatchStreamLink, type TRPCClient } from '@trpc/client';
import { and, count, eq, gte } from 'drizzle-orm';
import { createRedactor } from '../backend/ai/redaction/redactor.ts';
import type { Clock } from '../backend/clock.ts';
import { loadConfig } from '../backend/config.ts';
import type { Database } from '../backend/db/client.ts';
import { aiRuns } from '../backend/db/schema.ts';
import { inOrg } from '../backend/db/tenancy.ts';
import type { StreamingDeps } from '../backend/deps.ts';
import { loadDraftFacts } from '../backend/drafts/facts.ts';
import { draftBlocks } from '../backend/drafts/prompt.ts';
import { generateDraft } from '../backend/drafts/service.ts';
import type { OrgRef } from '../backend/org/lookup.ts';
import { createServer } from '../backend/server.ts';
import { analyzeThread } from '../backend/threads/service.ts';
import type { AppRouter } from '../backend/trpc/app-router.ts';
import type { DraftEvent, GenerateDraftInput } from '../shared/api/drafts.ts';
import { type Post, poster } from './ai-measurements.ts';
import { type Scene, streamingDeps } from './ai-scene.ts';
import { benchSecretKey } from './secret-key.ts';

/** Calls before the measured ones, as in ai-measurements.ts. */
const warmUp = 5;

export interface BenchServer {
  /** What `streamingCsmProcedure` hands `generateDraft`, for the bench's token. */
  deps: StreamingDeps;
  post: Post;
  /** A real tRPC client over HTTP, drafts read as the sidebar reads them (a streamed POST). */
  client: TRPCClient<AppRouter>;
  close(): Promise<void>;
}

export async function startBenchServer(
  options: { database: Database; clock: Clock; token: string },
  ai: Record<string, string>,
): Promise<BenchServer> {
  const { database, clock, token } = options;
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', CSCX_RATE_LIMIT: '1000000', ...ai });
  const server = await createServer({ config });
  const deps = server.attach({ database, clock, config, secretKey: benchSecretKey });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchStreamLink({
        url: `${url}/trpc`,
        methodOverride: 'POST',
        headers: () => ({ authorization: `Bearer ${token}` }),
      }),
    ],
  });
  return {
    deps: await streamingDeps(deps, token),
    post: poster(url, token),
    client,
    close: () => server.app.close(),
  };
}

/** A reply to the bench's 20-message thread; `variant` changes its last message, `threadId` its timeline entry. */
export function draftInput(scene: Scene, threadId: string, variant: string): GenerateDraftInput {
  const { subject, messages, customerId } = scene.thread(variant);
  if (!customerId) throw new Error('the bench thread has no customer');
  return {
    customerId,
    thread: { threadId, subject, messages },
    intent: 'reply',
    instruction: null,
    tone: 'warm',
    length: 'medium',
    seed: 0,
  };
}

/** The draft's text as the client receives it; its `done` event must name `provider`, with no fallback. */
export function draftTexts(
  server: BenchServer,
  input: GenerateDraftInput,
  provider: string,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  return textsOfDraft(async () => server.client.drafts.generate.mutate(input, { signal }), provider);
}

/** The same draft without HTTP and tRPC: `generateDraft` with the deps the procedure builds. */
export function draftTextsInProcess(
  server: BenchServer,
  input: GenerateDraftInput,
  provider: string,
): AsyncGenerator<string> {
  return textsOfDraft(async () => generateDraft(server.deps, input, new AbortController().signal), provider);
}

async function* textsOfDraft(
  start: () => Promise<AsyncIterable<DraftEvent>>,
  provider: string,
): AsyncGenerator<string> {
  let done: Extract<DraftEvent, { type: 'done' }> | undefined;
  for await (const event of await start()) {
    if (event.type === 'text') yield event.text;
    else done = event;
  }
  if (done?.provider !== provider || done.fellBackFrom !== null) {
    throw new Error(`a draft expected from ${provider} ended with ${JSON.stringify(done)}`);
  }
}

export async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream);
}

/**
 * What the remote draft spends redacting its prompt (the blocks `generateDraft` builds, with the
 * privacy hints it gives), measured on its own; and how many contacts the redactor is given.
 */
export async function timeDraftRedaction(server: BenchServer, input: GenerateDraftInput, calls: number) {
  const { deps } = server;
  const scope = { orgId: deps.orgId, userId: deps.principal.userId, customerId: input.customerId };
  const facts = await deps.inOrg((tx) => loadDraftFacts(tx, { ...scope, now: deps.clock.now() }));
  if (!input.thread) throw new Error('the bench draft answers a thread');
  const thread = { ...input.thread, customerId: input.customerId, log: true };
  const { analysis } = await analyzeThread(deps, thread);
  const blocks = draftBlocks(input, facts, analysis);
  const privacy = {
    knownNames: facts.contacts.map((c) => c.name).filter(Boolean),
    allowedTerms: [facts.orgName, facts.customer.name],
  };
  const times: number[] = [];
  for (let i = 0; i < calls + warmUp; i++) {
    const started = performance.now();
    const redactor = createRedactor(privacy);
    for (const block of blocks) redactor.redact(block.text);
    if (i >= warmUp) times.push(performance.now() - started);
  }
  return { times, contacts: facts.contacts.length };
}

/** The analysed thread is analysed once, each cold draft's thread once: else the rows measure something else. */
export async function expectAnalyses(
  options: { database: Database; org: OrgRef },
  since: Date,
  expected: number,
): Promise<void> {
  const { database, org } = options;
  const [row] = await inOrg(database.db, org.id, (tx) =>
    tx
      .select({ n: count() })
      .from(aiRuns)
      .where(
        and(eq(aiRuns.orgId, org.id), eq(aiRuns.feature, 'thread.analysis'), gte(aiRuns.createdAt, since)),
      ),
  );
  if (row?.n !== expected) throw new Error(`${row?.n} thread analyses during the drafts, not ${expected}`);
}
