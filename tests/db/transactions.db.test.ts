import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import {
  preferPreparedStatements,
  readOnlyTransaction,
  TransactionEndedError,
  TransactionRolledBackError,
} from '../../backend/db/prepared-statements.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * The transactions every request runs in: BEGIN goes out with the first statement, and the
 * connection goes to the next transaction once COMMIT is sent (prepared-statements.ts).
 */

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  await db.execute(sql`create table transaction_probe (id serial primary key, note text not null unique)`);
});
afterAll(async () => {
  await testDb?.drop();
});

const txid = async (tx: Db) => {
  const [row] = await tx.execute<{ txid: string }>(sql`select txid_current()::text as txid`);
  return row?.txid;
};
const notes = async () =>
  (await db.execute<{ note: string }>(sql`select note from transaction_probe order by id`)).map(
    (r) => r.note,
  );

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('it should have failed');
    },
    (error: unknown) => error,
  );
}

describe('a transaction', () => {
  it('runs its first statement inside it, though BEGIN is not waited for', async () => {
    const [first, second] = await db.transaction(async (tx) => [await txid(tx), await txid(tx)]);
    expect(first).toBeDefined();
    expect(second).toBe(first);
  });

  it('keeps what it set LOCAL to itself, however many run at once', async () => {
    const seen = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('app.org_id', ${`org-${i}`}, true)`);
          await new Promise((resolve) => setTimeout(resolve, i % 3));
          const [row] = await tx.execute<{ org: string }>(
            sql`select current_setting('app.org_id', true) as org`,
          );
          return row?.org;
        }),
      ),
    );
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `org-${i}`));
    const [after] = await db.execute<{ org: string | null }>(
      sql`select nullif(current_setting('app.org_id', true), '') as org`,
    );
    expect(after?.org ?? null).toBeNull();
  });

  it('has committed by the time it returns: the next one sees its write', async () => {
    await db.transaction((tx) => tx.execute(sql`insert into transaction_probe (note) values ('committed')`));
    expect(await notes()).toContain('committed');
  });

  it('rolls back what it wrote when the work throws', async () => {
    const error = await failureOf(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into transaction_probe (note) values ('thrown away')`);
        throw new Error('the work failed');
      }),
    );
    expect(error).toMatchObject({ message: 'the work failed' });
    expect(await notes()).not.toContain('thrown away');
  });

  it('refuses to report success when a statement failed and the work carried on', async () => {
    const error = await failureOf(
      db.transaction(async (tx) => {
        const insert = sql`insert into transaction_probe (note) values ('written twice')`;
        await tx.execute(insert);
        // The second violates the unique note: the transaction is aborted, and the work swallows that.
        await tx.execute(insert).catch(() => undefined);
        return 'looks fine';
      }),
    );
    expect(error).toBeInstanceOf(TransactionRolledBackError);
    expect((error as Error).cause).toMatchObject({ code: '23505' });
    expect(await notes()).not.toContain('written twice');
  });

  it('rolls back, and lets the next one run, when the work fails while another of its statements runs', async () => {
    const error = await failureOf(
      db.transaction((tx) =>
        Promise.all([
          tx.execute(sql`insert into transaction_probe (note) values ('beside a failure')`),
          tx.execute(sql`select 1 / 0`),
          // Parameters of a statement not yet prepared: postgres.js asks for its description first and
          // holds back what follows until it has it.
          tx.execute(sql`select count(*) from generate_series(1, ${100_000}::int)`),
        ]),
      ),
    );
    expect(error).toMatchObject({ cause: { code: '22012' } });
    expect(await notes()).not.toContain('beside a failure');
  });

  it('rolls a nested transaction back to its savepoint alone', async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into transaction_probe (note) values ('outer')`);
      await failureOf(
        tx.transaction(async (inner) => {
          await inner.execute(sql`insert into transaction_probe (note) values ('inner')`);
          throw new Error('the inner work failed');
        }),
      );
      await tx.transaction((inner) =>
        inner.execute(sql`insert into transaction_probe (note) values ('kept')`),
      );
    });
    const written = await notes();
    expect(written).toEqual(expect.arrayContaining(['outer', 'kept']));
    expect(written).not.toContain('inner');
  });
});

describe('a read-only transaction', () => {
  const readOnly = sql`select set_config('transaction_read_only', 'on', true)`;

  it('returns what its work read, and the next transaction runs after it as usual', async () => {
    await db.execute(sql`insert into transaction_probe (note) values ('read back')`);
    const read = await readOnlyTransaction(db, async (tx) => {
      await tx.execute(readOnly);
      return (await tx.execute<{ note: string }>(sql`select note from transaction_probe`)).map((r) => r.note);
    });
    expect(read).toContain('read back');
    await db.transaction((tx) =>
      tx.execute(sql`insert into transaction_probe (note) values ('after a read')`),
    );
    expect(await notes()).toContain('after a read');
  });

  it('refuses to write, and reports a failed statement the work swallowed', async () => {
    const error = await failureOf(
      readOnlyTransaction(db, async (tx) => {
        await tx.execute(readOnly);
        await tx
          .execute(sql`insert into transaction_probe (note) values ('read only')`)
          .catch(() => undefined);
        return 'looks fine';
      }),
    );
    expect(error).toBeInstanceOf(TransactionRolledBackError);
    expect((error as Error).cause).toMatchObject({ code: '25006' });
    expect(await notes()).not.toContain('read only');
  });
});

describe('a transaction’s handle, once the transaction has ended', () => {
  it('refuses every statement: through drizzle, as a tagged template and as unsafe SQL', async () => {
    const client = preferPreparedStatements(testDb.database.sql);
    let leaked: postgres.TransactionSql | undefined;
    await client.begin(async (tx) => {
      leaked = tx;
    });
    const handle = leaked as postgres.TransactionSql;
    expect(() => handle`select 1`).toThrow(TransactionEndedError);
    expect(() => handle.unsafe('select 1')).toThrow(TransactionEndedError);

    let leakedDb: Db | undefined;
    await db.transaction(async (tx) => {
      leakedDb = tx;
    });
    await expect((leakedDb as Db).execute(sql`select 1`)).rejects.toMatchObject({
      cause: expect.any(TransactionEndedError),
    });
  });
});
