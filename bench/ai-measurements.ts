import type { TextEvent } from '../backend/ai/provider.ts';
import { localProvider } from '../backend/ai/providers/local/index.ts';
import { createRedactor } from '../backend/ai/redaction/redactor.ts';
import { threadAnalysisBlocks, threadAnalysisSystem } from '../backend/threads/prompt.ts';
import { type AnalyzeThreadOutput, threadAnalysis } from '../shared/api/threads.ts';
import type { Scene } from './ai-scene.ts';
import { summarise } from './stats.ts';

/** Calls before the measured ones, in every measurement. */
const warmUp = 5;

export type Post = (
  procedure: string,
  input: unknown,
) => Promise<{ server: number; roundTrip: number; body: unknown }>;

export function poster(url: string, token: string): Post {
  return async (procedure, input) => {
    const started = performance.now();
    const response = await fetch(`${url}/trpc/${procedure}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input ?? null),
    });
    const body = (await response.json()) as { result?: { data?: unknown } };
    const roundTrip = performance.now() - started;
    if (!response.ok) throw new Error(`${procedure}: HTTP ${response.status} ${JSON.stringify(body)}`);
    const server = Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);
    return { server, roundTrip, body: body.result?.data };
  };
}

/** Each call a version of the thread the server has not seen (the last message changes), so each is analysed. */
export async function measureAnalyze(post: Post, scene: Scene, calls: number) {
  const run = `${Date.now().toString(36)}`;
  const analyze = async (i: number) => {
    const answer = await post('threads.analyze', scene.thread(`CS-${run}-${i}`));
    const output = answer.body as AnalyzeThreadOutput;
    if (output.provider !== 'local' || !['recorded', 'updated'].includes(output.logged)) {
      throw new Error(`threads.analyze answered ${output.provider}, ${output.logged}: not a fresh analysis`);
    }
    return answer;
  };
  const cold = (await analyze(0)).server;
  const timings = {
    server: [] as number[],
    roundTrip: [] as number[],
    provider: [] as number[],
    ping: [] as number[],
  };
  for (let i = 1; i <= calls + warmUp; i++) {
    const answer = await analyze(i);
    const ping = await post('system.ping', null);
    const provider = await timeLocalAnalysis(scene, `CS-${run}-alone-${i}`);
    if (i <= warmUp) continue;
    timings.server.push(answer.server);
    timings.roundTrip.push(answer.roundTrip);
    timings.provider.push(provider);
    timings.ping.push(ping.server);
  }
  return { cold, ...timings };
}

/** The analysis threads.analyze asks the local provider for, without the server around it. */
async function timeLocalAnalysis(scene: Scene, variant: string): Promise<number> {
  const { subject, messages } = scene.thread(variant);
  const started = performance.now();
  await localProvider.generateObject({
    model: 'cscx-local-1',
    system: threadAnalysisSystem,
    blocks: [],
    maxOutputTokens: 1500,
    signal: new AbortController().signal,
    task: {
      kind: 'thread.analysis',
      input: { subject, messages, ownAddresses: [scene.people.ours.email], now: new Date().toISOString() },
    },
    schema: threadAnalysis,
    schemaName: 'thread_analysis',
    schemaDescription: 'The analysis of the email thread.',
  });
  return performance.now() - started;
}

/**
 * From the call to its first chunk, each stream read to its end (its `ai_runs` row an `ok`); the
 * streams named in `starts` take turns, so that drift hits them alike.
 */
export async function measureFirstChunks<K extends string>(
  calls: number,
  starts: Record<K, () => AsyncIterable<string>>,
): Promise<Record<K, number[]>> {
  const entries = Object.entries(starts) as [K, () => AsyncIterable<string>][];
  const first = Object.fromEntries(entries.map(([name]) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < calls + warmUp; i++) {
    for (const [name, start] of entries) {
      const started = performance.now();
      let firstAt: number | undefined;
      for await (const _chunk of start()) firstAt ??= performance.now();
      if (firstAt === undefined) throw new Error(`${name}: a stream ended without a chunk`);
      if (i >= warmUp) first[name].push(firstAt - started);
    }
  }
  return first;
}

/** A provider's text events as the wrapper hands them on. */
export async function* textsOf(events: AsyncIterable<TextEvent>): AsyncGenerator<string> {
  for await (const event of events) if (event.type === 'text') yield event.text;
}

/** What the remote call spends redacting its prompt, measured on its own. */
export function timeRedaction(scene: Scene, calls: number): number[] {
  const blocks = threadAnalysisBlocks(scene.input, () => false);
  const times: number[] = [];
  for (let i = 0; i < calls + warmUp; i++) {
    const started = performance.now();
    const redactor = createRedactor(scene.privacy);
    for (const block of blocks) redactor.redact(block.text);
    if (i >= warmUp) times.push(performance.now() - started);
  }
  return times;
}

interface PingTimes {
  server: number[];
  roundTrip: number[];
}

/**
 * Rounds of back-to-back pings, alternately quiet and while a stream runs (its first chunk has
 * arrived; stopped through `open`'s signal after the round), so the two see the same drift.
 */
export async function measurePingsBesideStream(
  post: Post,
  open: (signal: AbortSignal) => AsyncGenerator<unknown>,
  options: { rounds: number; perRound: number },
) {
  const { perRound } = options;
  const quiet: PingTimes = { server: [], roundTrip: [] };
  const streaming: PingTimes = { server: [], roundTrip: [] };
  const quietRoundP95: number[] = [];
  const streamingRoundP95: number[] = [];
  let chunks = 0;
  let streamedMs = 0;
  const pingRound = async (into: PingTimes) => {
    const server: number[] = [];
    for (let i = 0; i < perRound + warmUp; i++) {
      const ping = await post('system.ping', null);
      if (i < warmUp) continue;
      server.push(ping.server);
      into.server.push(ping.server);
      into.roundTrip.push(ping.roundTrip);
    }
    return summarise(server).p95;
  };
  for (let round = 0; round < options.rounds; round++) {
    quietRoundP95.push(await pingRound(quiet));

    const stop = new AbortController();
    const stream = open(stop.signal);
    await stream.next();
    let counting = true;
    const reading = (async () => {
      try {
        for await (const _chunk of stream) if (counting) chunks++;
      } catch (error) {
        if (!stop.signal.aborted) throw error;
      }
    })();
    const started = performance.now();
    streamingRoundP95.push(await pingRound(streaming));
    streamedMs += performance.now() - started;
    counting = false;
    stop.abort();
    await reading;
  }
  return {
    quiet,
    streaming,
    quietRoundP95,
    streamingRoundP95,
    chunksPerSecond: chunks / (streamedMs / 1000),
  };
}
