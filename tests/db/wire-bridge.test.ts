import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../backend/db/client.ts';
import { embeddedPaths } from '../../backend/db/embedded.ts';

// postgres.js over the embedded database's socket, as the server, the CLI and the job queue use it.
// The raw-protocol cases are in wire-bridge-protocol.test.ts.

let dataDir: string;
let database: Database;
const clients: postgres.Sql[] = [];

function client(options: postgres.Options<Record<string, postgres.PostgresType>> = {}) {
  const sql = postgres({
    path: embeddedPaths(dataDir).socketPath,
    max: 1,
    username: 'postgres',
    onnotice: () => {},
    ...options,
  });
  clients.push(sql);
  return sql;
}

/** Rejects instead of waiting for ever: a hang must fail the test, not stall the run. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function preparedStatementNames(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql.unsafe('select name from pg_prepared_statements order by name');
  return rows.map((r) => String(r.name));
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'cscx-bridge-'));
  database = await openDatabase({ dataDir });
  await database.sql`create table notes (id int primary key, body text)`;
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end({ timeout: 1 })));
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database socket', () => {
  it('keeps another connection out of an open transaction until it commits', async () => {
    const a = client();
    const b = client();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = a.begin(async (tx) => {
      await tx`insert into notes values (1, 'from a')`;
      await held;
    });
    await pause(50);
    let bSaw: unknown;
    const read = b`select count(*)::int as n from notes`.then((rows) => {
      bSaw = rows[0]?.n;
    });
    await pause(100);
    expect(bSaw, 'b must not run inside a’s transaction').toBeUndefined();
    release();
    await transaction;
    await read;
    expect(bSaw).toBe(1);
  });

  it('rolls back the transaction of a client that disconnects, and serves the others', async () => {
    const a = client();
    const b = client();
    const abandoned = a.begin(async (tx) => {
      await tx`insert into notes values (2, 'abandoned')`;
      await new Promise(() => {});
    });
    abandoned.catch(() => {});
    await pause(50);
    await a.end({ timeout: 0 });
    const rows = await within(5_000, b`select id from notes order by id`);
    expect(rows.map((r) => r.id)).toEqual([1]);
  });

  it('answers a failed statement with an error and keeps the connection usable', async () => {
    const a = client();
    await expect(a`select * from no_such_table`).rejects.toThrow(/no_such_table/);
    await expect(a`select ${'still here'}::text as reply`).resolves.toEqual([{ reply: 'still here' }]);
  });

  it('serves two clients that interleave first-time parameterised statements (Parse/Describe/Flush)', async () => {
    // postgres.js describes a parameterised statement it has not seen with Parse/Describe/Flush and
    // binds it in a second batch. The session must stay with that client in between.
    const a = client({ prepare: true });
    const b = client();
    const failures: string[] = [];
    for (let round = 0; round < 50; round++) {
      // A new statement text every round, so every statement is a first-time one: named ones through
      // the tagged template, unnamed ones through unsafe().
      const text = a.unsafe(String(round));
      const results = await Promise.allSettled([
        within(3_000, a`select ${round}::int + ${text} as n`),
        within(3_000, a.unsafe(`select $1::int * ${round} as n`, [2])),
        within(3_000, b`select ${round}::int - ${text} as n`),
        within(3_000, b.unsafe(`select $1::text || '${round}' as n`, ['b'])),
      ]);
      const expected = [2 * round, 2 * round, 0, `b${round}`];
      results.forEach((result, i) => {
        if (result.status === 'rejected') failures.push(`round ${round}, query ${i}: ${result.reason}`);
        else if (result.value[0]?.n !== expected[i])
          failures.push(`round ${round}, query ${i}: wrong answer`);
      });
      if (results.some((r) => r.status === 'rejected' && /no answer/.test(String(r.reason)))) break;
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('copies into a table from stdin, and out of one to stdout', async () => {
    const sql = client();
    const writable = await within(5_000, sql`copy notes from stdin`.writable());
    writable.write('10\tten\n11\t');
    writable.write('eleven\n');
    writable.end('12\ttwelve\n');
    await within(5_000, finished(writable));
    const rows = await sql`select id, body from notes where id >= 10 order by id`;
    expect(rows).toEqual([
      { id: 10, body: 'ten' },
      { id: 11, body: 'eleven' },
      { id: 12, body: 'twelve' },
    ]);

    const readable = await within(
      5_000,
      sql`copy (select id, body from notes where id >= 10 order by id) to stdout`.readable(),
    );
    let text = '';
    for await (const chunk of readable) text += chunk;
    expect(text).toBe('10\tten\n11\televen\n12\ttwelve\n');
  });

  it('copies from stdin inside a transaction, which another client cannot see until it commits', async () => {
    const a = client();
    const b = client();
    await a.begin(async (tx) => {
      const writable = await tx`copy notes (id, body) from stdin`.writable();
      writable.end('20\ttwenty\n');
      await finished(writable);
      const [row] = await tx`select body from notes where id = 20`;
      expect(row?.body).toBe('twenty');
    });
    const [row] = await within(5_000, b`select body from notes where id = 20`);
    expect(row?.body).toBe('twenty');
  });

  it('fails a COPY FROM STDIN that cannot start with its error, as Postgres does, not a hang', async () => {
    const sql = client();
    await expect(within(5_000, sql`copy no_such_table from stdin`.writable())).rejects.toThrow(
      /no_such_table/,
    );
    await expect(within(5_000, sql`select 1 as one`)).resolves.toEqual([{ one: 1 }]);
    await expect(
      within(
        5_000,
        sql.begin((tx) => tx`copy no_such_table from stdin`.writable()),
      ),
    ).rejects.toThrow(/no_such_table/);
    await expect(within(5_000, sql`select 2 as two`)).resolves.toEqual([{ two: 2 }]);
  });

  it('deallocates the prepared statements of a client that leaves, and no one else’s', async () => {
    await database.sql`select ${1}::int as server_statement`;
    const stays = client({ prepare: true });
    await stays`select ${1}::int as stays`;
    const others = await preparedStatementNames(database.sql);
    const leaves = client({ prepare: true });
    await leaves`select ${1}::int as leaves`;
    await leaves`select ${1}::int as leaves_too`;
    const own = (await preparedStatementNames(database.sql)).filter((name) => !others.includes(name));
    expect(own.length, 'two statements, and the type lookup postgres.js runs on connecting').toBe(3);
    await leaves.end({ timeout: 5 });
    await pause(100);
    expect(await preparedStatementNames(database.sql)).toEqual(others);
    await expect(stays`select ${1}::int as stays`).resolves.toEqual([{ stays: 1 }]);
    await expect(database.sql`select ${1}::int as server_statement`).resolves.toEqual([
      { server_statement: 1 },
    ]);
  });

  it('falls back to plain text when postgres.js asks for SSL', async () => {
    const sql = client({ ssl: 'prefer' });
    await expect(within(5_000, sql`select ${'plain'}::text as reply`)).resolves.toEqual([{ reply: 'plain' }]);
  });
});
