import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  callProcedure,
  createToken,
  isAlive,
  killAllServers,
  makeDataDir,
  removeDataDir,
  resultData,
  runCli,
  type ServerProcess,
  startServe,
  waitForHealth,
} from './support/cscx-process.ts';

interface Customer {
  name: string;
  externalId: string | null;
}

interface Burst {
  acknowledged: Map<string, string>;
  sent: number;
  inFlightAtKill: number;
}

const serverEnv = { CSCX_RATE_LIMIT: '1000000', LOG_LEVEL: 'warn' };
const dirs: string[] = [];

afterEach(killAllServers);
afterAll(() => {
  for (const dir of dirs) removeDataDir(dir);
});

/**
 * Upserts customers with distinct external ids from `parallel` loops, and SIGKILLs the server's whole
 * process group once `killAfter` writes were acknowledged, with the others still on the wire.
 */
async function writeUntilKilled(
  server: ServerProcess,
  token: string,
  round: number,
  { parallel = 8, killAfter = 60 } = {},
): Promise<Burst> {
  const acknowledged = new Map<string, string>();
  let sent = 0;
  let inFlight = 0;
  let inFlightAtKill = 0;
  let killed = false;
  const loop = async () => {
    while (!killed) {
      const externalId = `round-${round}-write-${sent++}`;
      const name = `Customer ${externalId}`;
      inFlight++;
      try {
        const response = await callProcedure(server, 'customers.upsert', { name, externalId }, token);
        if (response.status === 200) acknowledged.set(externalId, name);
        else if (!killed)
          throw new Error(`write refused: ${response.status} ${JSON.stringify(response.body)}`);
      } catch (error) {
        if (!killed) throw error;
      } finally {
        inFlight--;
      }
      if (!killed && acknowledged.size >= killAfter) {
        killed = true;
        inFlightAtKill = inFlight;
        server.signalGroup('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, loop));
  await server.exited;
  return { acknowledged, sent, inFlightAtKill };
}

async function allCustomers(server: ServerProcess, token: string): Promise<Customer[]> {
  const customers: Customer[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Customer[]; nextCursor: string | null } = resultData(
      await callProcedure(server, 'customers.list', { limit: 200, ...(cursor ? { cursor } : {}) }, token),
    );
    customers.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return customers;
}

describe('the embedded database after the server is killed mid-write', () => {
  it('keeps every acknowledged write through two SIGKILLs of the whole process group, and the folder opens cleanly', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const lockPath = path.join(dataDir, 'cscx.lock');
    let server = await startServe(dataDir, serverEnv);
    await waitForHealth(server);
    // A member with a password of their own: the first admin's tokens wait for a password change.
    const writer = [
      '--email',
      'writer@team.example',
      '--role',
      'csm',
      '--password',
      'a long enough password',
    ];
    expect((await runCli(dataDir, ['users', 'add', ...writer])).code).toBe(0);
    const token = await createToken(dataDir, 'writer@team.example');
    const acknowledged = new Map<string, string>();

    for (const round of [1, 2]) {
      const burst = await writeUntilKilled(server, token, round);
      for (const [id, name] of burst.acknowledged) acknowledged.set(id, name);
      expect(burst.inFlightAtKill).toBeGreaterThan(0);

      // The dead owner's lock is still there; the next server must take it over.
      const deadPid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      expect(deadPid).toBe(server.pid);
      expect(isAlive(deadPid)).toBe(false);

      server = await startServe(dataDir, serverEnv);
      const health = await waitForHealth(server);
      expect(health.body).toEqual({ status: 'ok', db: 'pglite' });
      console.info(
        `round ${round}: ${burst.acknowledged.size} acknowledged of ${burst.sent} sent, ${burst.inFlightAtKill} in flight at SIGKILL; healthy again ${health.elapsedMs} ms after restart`,
      );
      expect(Number.parseInt(readFileSync(lockPath, 'utf8'), 10)).toBe(server.pid);

      // Read with a token minted after the restart, so a lost row shows up as itself below.
      const reader = await createToken(dataDir, 'writer@team.example');
      const stored = new Map(
        (await allCustomers(server, reader)).map((c) => [c.externalId ?? '', c.name] as const),
      );
      const lost = [...acknowledged].filter(([id, name]) => stored.get(id) !== name);
      expect(lost).toEqual([]);
      // The token printed by the CLI before the crash was an acknowledged write too.
      expect((await callProcedure(server, 'auth.me', {}, token)).status).toBe(200);
    }

    // Still a working database: it takes a new write and reads it back.
    const after = resultData<Customer>(
      await callProcedure(
        server,
        'customers.upsert',
        { name: 'After the crashes', externalId: 'after' },
        token,
      ),
    );
    expect(after.externalId).toBe('after');
    const names = (await allCustomers(server, token)).map((c) => c.name);
    expect(names).toContain('After the crashes');
  }, 240_000);
});
