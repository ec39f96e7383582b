import { defaultModels } from '../backend/ai/prices.ts';
import { createAnthropicProvider } from '../backend/ai/providers/anthropic.ts';
import { streamTextWithAi } from '../backend/ai/run.ts';
import type { Clock } from '../backend/clock.ts';
import { loadConfig } from '../backend/config.ts';
import type { Database } from '../backend/db/client.ts';
import type { StreamingDeps } from '../backend/deps.ts';
import type { OrgRef } from '../backend/org/lookup.ts';
import { createServer } from '../backend/server.ts';
import {
  measureAnalyze,
  measureFirstChunks,
  measurePingsBesideStream,
  poster,
  textsOf,
  timeRedaction,
} from './ai-measurements.ts';
import { streamingDeps, streamRequest, summaryChunks, threadScene } from './ai-scene.ts';
import { startFakeAnthropicThread } from './fake-anthropic-thread.ts';
import { benchSecretKey } from './secret-key.ts';
import { type BenchRow, type Summary, summarise } from './stats.ts';

export interface AiCallsOptions {
  database: Database;
  org: OrgRef;
  clock: Clock;
  /** A CSM's session token: the calls are theirs. */
  token: string;
  /** Measured calls per row (and pings per round), after a warm-up of 5. */
  calls: number;
}

export interface AiCallsResult {
  rows: BenchRow[];
  details: {
    threadWords: number;
    fakeDelayMs: number;
    /** First streamed chunk through the fake Anthropic minus the fake's own delay before it. */
    remoteOverhead: Summary;
    /** The ping's server-time p95 of each round. */
    pingRounds: { quietP95: number[]; streamingP95: number[] };
    /** How fast the slow stream delivered while the pings ran. */
    streamedChunksPerSecond: number;
  };
}

const fakeKey = 'sk-ant-fake-bench-0000';
/** The fake waits this long before each text delta: the "model's own latency" to the first chunk. */
const fakeDelayMs = 20;
const pingRounds = 4;

/**
 * DESIGN.md's AI budgets: `threads.analyze` with the local provider through the real server (the
 * first call in the process, then warm); the first streamed chunk through `streamTextWithAi`, from
 * the local provider and from the fake Anthropic server (on a thread of its own) beside the fake's
 * own delay; and an authenticated no-op while a model call streams, beside the same no-op quiet,
 * in alternating rounds. On a server of its own (the bench's settings, the local provider chosen)
 * over the bench's database; the remote calls get the same deps with the fake as the provider.
 */
export async function measureAiCalls(options: AiCallsOptions): Promise<AiCallsResult> {
  const { database, clock, token } = options;
  const calls = Math.max(10, Math.round(options.calls));
  const fake = await startFakeAnthropicThread(fakeKey);
  const settings = { PORT: '0', LOG_LEVEL: 'silent', CSCX_RATE_LIMIT: '1000000' } as const;
  const config = loadConfig({ ...settings, CSCX_AI_PROVIDER: 'local' });
  const remote = loadConfig({
    ...settings,
    CSCX_AI_PROVIDER: 'anthropic',
    ANTHROPIC_API_KEY: fakeKey,
    CSCX_ANTHROPIC_BASE_URL: fake.url,
  });
  const server = await createServer({ config });
  const publicDeps = server.attach({ database, clock, config, secretKey: benchSecretKey });
  const post = poster(await server.app.listen({ host: '127.0.0.1', port: 0 }), token);
  try {
    const deps = await streamingDeps(publicDeps, token);
    const remoteDeps: StreamingDeps = { ...deps, config: remote };
    const scene = await threadScene(database, options.org, deps);
    const analyze = await measureAnalyze(post, scene, calls);
    const request = () => streamRequest(scene, new AbortController().signal);
    const { local } = await measureFirstChunks(calls, { local: () => streamTextWithAi(deps, request()) });
    await fake.script({ kind: 'text', chunks: summaryChunks, delayMs: fakeDelayMs });
    const anthropic = await measureFirstChunks(calls, {
      wrapper: () => streamTextWithAi(remoteDeps, request()),
      // What the registry builds per call, given the prompt unredacted.
      provider: () =>
        textsOf(
          createAnthropicProvider({ apiKey: fakeKey, baseUrl: fake.url }).streamText({
            ...request(),
            model: defaultModels.anthropic,
          }),
        ),
    });
    const redaction = timeRedaction(scene, calls);
    // A stream that outlasts every round: a chunk every 20 ms until it is stopped.
    await fake.script({ kind: 'text', chunks: Array(20_000).fill('word '), delayMs: fakeDelayMs });
    const pings = await measurePingsBesideStream(
      post,
      (signal) => streamTextWithAi(remoteDeps, streamRequest(scene, signal)),
      { rounds: pingRounds, perRound: calls },
    );

    const words = scene.input.messages.reduce((n, m) => n + m.text.split(/\s+/).length, 0);
    const overhead = summarise(anthropic.wrapper.map((ms) => ms - fakeDelayMs));
    const figures = { words, analyze, local, anthropic, overhead, redaction, pings };
    return {
      rows: rowsOf(figures),
      details: {
        threadWords: words,
        fakeDelayMs,
        remoteOverhead: overhead,
        pingRounds: { quietP95: pings.quietRoundP95, streamingP95: pings.streamingRoundP95 },
        streamedChunksPerSecond: pings.chunksPerSecond,
      },
    };
  } finally {
    await server.app.close();
    await fake.close();
  }
}

interface Figures {
  words: number;
  analyze: Awaited<ReturnType<typeof measureAnalyze>>;
  local: number[];
  anthropic: { wrapper: number[]; provider: number[] };
  overhead: Summary;
  redaction: number[];
  pings: Awaited<ReturnType<typeof measurePingsBesideStream>>;
}

function rowsOf({ words, analyze, local, anthropic, overhead, redaction, pings }: Figures): BenchRow[] {
  const thread = `20-message thread (${words.toLocaleString('en')} words)`;
  const localFirst = summarise(local);
  const streamingP95 = summarise(pings.streaming.server).p95;
  const noisiestQuietRound = Math.max(...pings.quietRoundP95);
  return [
    {
      name: `threads.analyze, ${thread}, local provider, server time: the first call in the process (models loaded)`,
      summary: summarise([analyze.cold]),
      unit: 'ms',
    },
    {
      name: `threads.analyze, ${thread}, local provider, server time, warm (each a new version of the thread: analysed, its timeline entry updated)`,
      summary: summarise(analyze.server),
      unit: 'ms',
    },
    { name: '— its client round trip', summary: summarise(analyze.roundTrip), unit: 'ms' },
    {
      name: "— of which the local provider's analysis alone (its generateObject, in process)",
      summary: summarise(analyze.provider),
      unit: 'ms',
    },
    {
      name: 'floor: system.ping interleaved with those calls, server time',
      summary: summarise(analyze.ping),
      unit: 'ms',
      verdict: 'floor',
    },
    {
      name: "first streamed chunk, local provider (the thread's summary through streamTextWithAi, in process: settings read, analysis, first word)",
      summary: localFirst,
      unit: 'ms',
      budget: 'p95 ≤ 100 ms',
      verdict: localFirst.p95 <= 100 ? 'within budget' : 'over budget',
    },
    {
      name: `first streamed chunk through the fake Anthropic server (streamTextWithAi, the real SDK, the prompt redacted; the fake waits ${fakeDelayMs} ms before each delta)`,
      summary: summarise(anthropic.wrapper),
      unit: 'ms',
    },
    {
      name: `— its overhead: the above minus the fake's ${fakeDelayMs} ms`,
      summary: overhead,
      unit: 'ms',
      budget: 'p95 ≤ 50 ms',
      verdict: overhead.p95 <= 50 ? 'within budget' : 'over budget',
    },
    {
      name: `— the Anthropic provider alone, interleaved (its SDK client made, the request, the fake's ${fakeDelayMs} ms, the first delta)`,
      summary: summarise(anthropic.provider),
      unit: 'ms',
    },
    {
      name: '— redacting the 20 messages alone (part of the overhead)',
      summary: summarise(redaction),
      unit: 'ms',
    },
    {
      name: `system.ping, server time, quiet (${pingRounds} rounds, alternating with the next row's)`,
      summary: summarise(pings.quiet.server),
      unit: 'ms',
      verdict: 'floor',
    },
    { name: '— its client round trip', summary: summarise(pings.quiet.roundTrip), unit: 'ms' },
    {
      name: `system.ping, server time, while a model call streams (the fake Anthropic, a chunk every ${fakeDelayMs} ms, read through streamTextWithAi)`,
      summary: summarise(pings.streaming.server),
      unit: 'ms',
      budget: 'p95 unchanged beyond noise: ≤ the highest quiet round’s p95',
      verdict: streamingP95 <= noisiestQuietRound ? 'within budget' : 'over budget',
    },
    { name: '— its client round trip', summary: summarise(pings.streaming.roundTrip), unit: 'ms' },
  ];
}
