import { createTRPCClient, httpBatchStreamLink, type TRPCClient } from '@trpc/client';
import { and, count, eq, gte } from 'drizzle-orm';
import type { Clock } from '../backend/clock.ts';
import { loadConfig } from '../backend/config.ts';
import type { Database } from '../backend/db/client.ts';
import { aiRuns } from '../backend/db/schema.ts';
import { inOrg } from '../backend/db/tenancy.ts';
import type { PublicDeps } from '../backend/deps.ts';
import type { OrgRef } from '../backend/org/lookup.ts';
import { createServer } from '../backend/server.ts';
import type { AppRouter } from '../backend/trpc/app-router.ts';
import type { DraftEvent, GenerateDraftInput } from '../shared/api/drafts.ts';
import { measureFirstChunks, measurePingsBesideStream, type Post, poster } from './ai-measurements.ts';
import { type Scene, streamingDeps, threadScene } from './ai-scene.ts';
import { startFakeAnthropicThread } from './fake-anthropic-thread.ts';
import { benchSecretKey } from './secret-key.ts';
import { type BenchRow, type Summary, summarise } from './stats.ts';

export interface DraftCallsOptions {
  database: Database;
  org: OrgRef;
  clock: Clock;
  /** A CSM's session token: the drafts are theirs. */
  token: string;
  /** Measured drafts per row (and pings per round), after a warm-up of 5. */
  calls: number;
}

export interface DraftCallsResult {
  rows: BenchRow[];
  details: {
    fakeDelayMs: number;
    /** First chunk at the client through the fake Anthropic minus the fake's own delay before it. */
    remoteOverhead: Summary;
    /** The ping's server-time p95 of each round. */
    pingRounds: { quietP95: number[]; streamingP95: number[] };
    /** How fast the slow draft reached the client while the pings ran. */
    streamedChunksPerSecond: number;
  };
}

const fakeKey = 'sk-ant-bench-drafts-0000';
/** The fake waits this long before each text delta: the remote model's own latency to its first token. */
const fakeDelayMs = 20;
const pingRounds = 4;
const replyChunks = [
  'Hi Dana, ',
  'thanks for the update. ',
  'I have attached the order form ',
  'for signature, ',
  'and I am free on Tuesday ',
  'to go over the spring expansion. ',
  'Best, Jordan',
];

interface BenchServer {
  deps: PublicDeps;
  post: Post;
  /** A real tRPC client over HTTP, drafts read as the sidebar reads them (a streamed POST). */
  client: TRPCClient<AppRouter>;
  close(): Promise<void>;
}

/**
 * DESIGN.md's draft budgets, measured at the client: `drafts.generate` over HTTP through a real
 * tRPC client with `httpBatchStreamLink`, from the call to its first text event, each draft read to
 * its end (its `done` event, its record written). Two servers over the bench's book: one with the
 * local provider, one with the fake Anthropic (on a thread of its own) as the model. The local
 * drafts answer a thread analysed before (its analysis read from the timeline) and, interleaved, a
 * thread each time in a version not analysed yet; the remote drafts answer the analysed thread.
 * Then `system.ping` on the remote server, quiet and while a slow remote draft streams to the client.
 */
export async function measureDraftCalls(options: DraftCallsOptions): Promise<DraftCallsResult> {
  const calls = Math.max(10, Math.round(options.calls));
  const fake = await startFakeAnthropicThread(fakeKey);
  const local = await startBenchServer(options, { CSCX_AI_PROVIDER: 'local' });
  const remote = await startBenchServer(options, {
    CSCX_AI_PROVIDER: 'anthropic',
    ANTHROPIC_API_KEY: fakeKey,
    CSCX_ANTHROPIC_BASE_URL: fake.url,
  });
  try {
    const scene = await threadScene(
      options.database,
      options.org,
      await streamingDeps(local.deps, options.token),
    );
    const run = Date.now().toString(36);
    const analysed = draftInput(scene, `bench-draft-analysed-${run}`, run);
    const startedAt = new Date();
    await drain(draftTexts(local.client, analysed, 'local'));
    let coldDrafts = 0;
    await fake.script({ kind: 'text', chunks: replyChunks, delayMs: fakeDelayMs });
    const first = await measureFirstChunks(calls, {
      analysed: () => draftTexts(local.client, analysed, 'local'),
      cold: () =>
        draftTexts(local.client, draftInput(scene, `bench-draft-cold-${run}`, `${++coldDrafts}`), 'local'),
      remote: () => draftTexts(remote.client, analysed, 'anthropic'),
    });
    await expectAnalyses(options, startedAt, 1 + coldDrafts);
    // A draft that outlasts every round: a chunk every 20 ms until the client stops it.
    await fake.script({ kind: 'text', chunks: Array(20_000).fill('word '), delayMs: fakeDelayMs });
    const pings = await measurePingsBesideStream(
      remote.post,
      (signal) => draftTexts(remote.client, analysed, 'anthropic', signal),
      { rounds: pingRounds, perRound: calls },
    );
    const overhead = summarise(first.remote.map((ms) => ms - fakeDelayMs));
    return {
      rows: rowsOf({ ...first, overhead, pings }),
      details: {
        fakeDelayMs,
        remoteOverhead: overhead,
        pingRounds: { quietP95: pings.quietRoundP95, streamingP95: pings.streamingRoundP95 },
        streamedChunksPerSecond: pings.chunksPerSecond,
      },
    };
  } finally {
    await local.close();
    await remote.close();
    await fake.close();
  }
}

async function startBenchServer(
  options: DraftCallsOptions,
  ai: Record<string, string>,
): Promise<BenchServer> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', CSCX_RATE_LIMIT: '1000000', ...ai });
  const server = await createServer({ config });
  const deps = server.attach({
    database: options.database,
    clock: options.clock,
    config,
    secretKey: benchSecretKey,
  });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchStreamLink({
        url: `${url}/trpc`,
        methodOverride: 'POST',
        headers: () => ({ authorization: `Bearer ${options.token}` }),
      }),
    ],
  });
  return { deps, post: poster(url, options.token), client, close: () => server.app.close() };
}

/** A reply to the bench's 20-message thread; `variant` changes its last message, `threadId` its timeline entry. */
function draftInput(scene: Scene, threadId: string, variant: string): GenerateDraftInput {
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
async function* draftTexts(
  client: TRPCClient<AppRouter>,
  input: GenerateDraftInput,
  provider: string,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  let done: Extract<DraftEvent, { type: 'done' }> | undefined;
  for await (const event of await client.drafts.generate.mutate(input, { signal })) {
    if (event.type === 'text') yield event.text;
    else done = event;
  }
  if (done?.provider !== provider || done.fellBackFrom !== null) {
    throw new Error(`a draft expected from ${provider} ended with ${JSON.stringify(done)}`);
  }
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream);
}

/** The analysed thread is analysed once, each cold draft's thread once: else the rows measure something else. */
async function expectAnalyses(options: DraftCallsOptions, since: Date, expected: number): Promise<void> {
  const [row] = await inOrg(options.database.db, options.org.id, (tx) =>
    tx
      .select({ n: count() })
      .from(aiRuns)
      .where(
        and(
          eq(aiRuns.orgId, options.org.id),
          eq(aiRuns.feature, 'thread.analysis'),
          gte(aiRuns.createdAt, since),
        ),
      ),
  );
  if (row?.n !== expected) throw new Error(`${row?.n} thread analyses during the drafts, not ${expected}`);
}

interface Figures {
  analysed: number[];
  cold: number[];
  remote: number[];
  overhead: Summary;
  pings: Awaited<ReturnType<typeof measurePingsBesideStream>>;
}

function rowsOf({ analysed, cold, remote, overhead, pings }: Figures): BenchRow[] {
  const atClient =
    'reply draft to the 20-message thread, first streamed chunk at the client (drafts.generate over HTTP, a tRPC client with httpBatchStreamLink)';
  const local = summarise(analysed);
  const coldLocal = summarise(cold);
  const streamingP95 = summarise(pings.streaming.server).p95;
  const noisiestQuietRound = Math.max(...pings.quietRoundP95);
  const within = (ok: boolean) => (ok ? 'within budget' : 'over budget');
  return [
    {
      name: `${atClient}, local provider, the thread analysed before (its analysis read from the timeline)`,
      summary: local,
      unit: 'ms',
      budget: 'p95 ≤ 100 ms',
      verdict: within(local.p95 <= 100),
    },
    {
      name: '— the same, local provider, the thread not analysed yet (each call a new version: analysed, its timeline entry updated, then drafted)',
      summary: coldLocal,
      unit: 'ms',
      budget: 'p95 ≤ 100 ms',
      verdict: within(coldLocal.p95 <= 100),
    },
    {
      name: `${atClient}, through the fake Anthropic server (the real SDK, the prompt redacted; the fake waits ${fakeDelayMs} ms before each delta), the thread analysed before`,
      summary: summarise(remote),
      unit: 'ms',
    },
    {
      name: `— its overhead: the above minus the fake's ${fakeDelayMs} ms`,
      summary: overhead,
      unit: 'ms',
      budget: 'p95 ≤ 50 ms',
      verdict: within(overhead.p95 <= 50),
    },
    {
      name: `system.ping on that server, server time, quiet (${pingRounds} rounds, alternating with the next row's)`,
      summary: summarise(pings.quiet.server),
      unit: 'ms',
      verdict: 'floor',
    },
    { name: '— its client round trip', summary: summarise(pings.quiet.roundTrip), unit: 'ms' },
    {
      name: `system.ping, server time, while a reply draft streams to a client (the fake Anthropic, a chunk every ${fakeDelayMs} ms)`,
      summary: summarise(pings.streaming.server),
      unit: 'ms',
      budget: 'p95 unchanged beyond noise: ≤ the highest quiet round’s p95',
      verdict: within(streamingP95 <= noisiestQuietRound),
    },
    { name: '— its client round trip', summary: summarise(pings.streaming.roundTrip), unit: 'ms' },
  ];
}
