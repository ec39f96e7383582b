import Fastify from 'fastify';
import { resolvePrincipal } from '../backend/auth/principal.ts';
import type { Clock } from '../backend/clock.ts';
import type { Config } from '../backend/config.ts';
import type { Database } from '../backend/db/client.ts';
import { createServer } from '../backend/server.ts';
import { benchSecretKey } from './secret-key.ts';
import { type BenchRow, summarise } from './stats.ts';

export interface NoOpCostOptions {
  database: Database;
  clock: Clock;
  config: Config;
  token: string;
  calls: number;
  warmUp: number;
}

/**
 * Where an authenticated no-op's time goes: each layer it crosses measured on its own, interleaved
 * so that drift hits all alike. The HTTP pieces run on a server of their own (the bench's settings,
 * the same database) with one extra route that does nothing.
 */
export async function measureNoOpCost(options: NoOpCostOptions): Promise<BenchRow[]> {
  const { database, clock, config, token } = options;
  const server = await createServer({ config });
  server.app.post('/bench/no-op', async () => ({ ok: true }));
  const deps = server.attach({ database, clock, config, secretKey: benchSecretKey });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const bare = Fastify();
  bare.post('/no-op', async () => ({ ok: true }));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  const post = async (target: string): Promise<Timed> => {
    const response = await fetch(target, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: 'null',
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${target}: HTTP ${response.status}`);
    return { server: Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]) };
  };
  const { sql, db } = database;
  const pieces: Piece[] = [
    { name: 'one round trip to the database: `select 1` (postgres.js, prepared)', run: () => sql`select 1` },
    {
      name: 'BEGIN and COMMIT as postgres.js sends them (2 round trips)',
      run: () => sql.begin(async () => {}),
    },
    {
      name: 'the token-resolution statement alone, inside a transaction',
      run: () =>
        db.transaction(async (tx) => {
          const started = performance.now();
          await resolvePrincipal(tx, token, clock.now());
          return { own: performance.now() - started };
        }),
    },
    {
      name: "the no-op's transaction as a query runs it: BEGIN + resolve in one packet, COMMIT not waited for",
      run: () => deps.transactions.asBearer(token, clock.now(), async () => undefined, 'read'),
    },
    {
      name: "the no-op's transaction as a mutation runs it: BEGIN + resolve, COMMIT",
      run: () => deps.transactions.asBearer(token, clock.now(), async () => undefined, 'write'),
    },
    { name: 'HTTP round trip: a bare Fastify route, no plugins', run: () => post(`${bareUrl}/no-op`) },
    {
      name: 'HTTP round trip: a no-op route on the CSCX server (its plugins and hooks)',
      run: () => post(`${url}/bench/no-op`),
    },
    { name: 'HTTP round trip: system.ping', run: () => post(`${url}/trpc/system.ping`) },
  ];
  const times = pieces.map(() => ({ elapsed: [] as number[], server: [] as number[] }));
  for (let i = 0; i < options.calls + options.warmUp; i++) {
    for (const [k, piece] of pieces.entries()) {
      const started = performance.now();
      const timed = (await piece.run()) as Timed | undefined;
      const elapsed = performance.now() - started;
      if (i < options.warmUp) continue;
      times[k]?.elapsed.push(timed?.own ?? elapsed);
      if (Number.isFinite(timed?.server)) times[k]?.server.push(timed?.server as number);
    }
  }
  await server.app.close();
  await bare.close();
  return pieces.flatMap((piece, k): BenchRow[] => {
    const { elapsed, server: reported } = times[k] ?? { elapsed: [], server: [] };
    const row: BenchRow = { name: piece.name, summary: summarise(elapsed), unit: 'ms' };
    if (reported.length === 0) return [row];
    return [row, { name: '— its server time (Server-Timing)', summary: summarise(reported), unit: 'ms' }];
  });
}

/** What a piece may report besides its round trip: its own time, or the server's. */
interface Timed {
  own?: number;
  server?: number;
}

interface Piece {
  name: string;
  run: () => Promise<unknown>;
}
