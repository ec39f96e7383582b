import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../backend/db/client.ts';
import { embeddedPaths } from '../../backend/db/embedded.ts';
import { ChunkReader } from '../../backend/db/wire-protocol.js';
import {
  bind,
  cancelRequest,
  close,
  copyData,
  copyDone,
  describe as describeMessage,
  errorText,
  execute,
  firstColumns,
  flush,
  frame,
  parse,
  query,
  sslRequest,
  startup,
  sync,
  terminate,
  WireClient,
} from '../support/wire-protocol.ts';

// The embedded database's socket spoken to in raw bytes: what postgres.js happens not to do, or does
// in timings a test cannot force. Each read has a deadline, so a hang fails instead of stalling.

let dataDir: string;
let database: Database;
let socketPath: string;
const open: WireClient[] = [];

async function session(): Promise<WireClient> {
  const client = await WireClient.session(socketPath);
  open.push(client);
  return client;
}
async function connect(): Promise<WireClient> {
  const client = await WireClient.connect(socketPath);
  open.push(client);
  return client;
}

/** A simple query's first column, on a connection of its own: proves the bridge still serves others. */
async function ask(text: string): Promise<(string | null)[]> {
  const client = await session();
  client.write(query(text));
  const reply = await client.untilReady();
  client.end();
  return firstColumns(reply);
}

const types = (messages: { type: string }[]) => messages.map((m) => m.type).join('');

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'cscx-bridge-protocol-'));
  database = await openDatabase({ dataDir });
  socketPath = embeddedPaths(dataDir).socketPath;
  await database.sql`create table items (id int primary key, label text)`;
}, 120_000);
afterEach(() => {
  for (const client of open.splice(0)) client.socket.destroy();
});
afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('framing', () => {
  it('reassembles messages that arrive one byte per write', async () => {
    const client = await connect();
    await client.writeBytewise(startup());
    await client.untilReady();
    await client.writeBytewise(parse('', 'select $1::int * 2'), bind('', ['21']), execute(), sync());
    expect(firstColumns(await client.untilReady())).toEqual(['42']);
  });

  it('answers each of several Syncs that arrive in one write, in order', async () => {
    const client = await session();
    const pipeline = [1, 2, 3].flatMap((n) => [parse('', `select ${n} * 10`), bind(''), execute(), sync()]);
    client.write(...pipeline, query('select 40'));
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(firstColumns(await client.untilReady()));
    expect(replies).toEqual([['10'], ['20'], ['30'], ['40']]);
  });

  it('takes a large message in many small writes', async () => {
    const client = await session();
    const label = 'x'.repeat(4 * 1024 * 1024);
    const message = query(`select length('${label}')`);
    for (let at = 0; at < message.length; at += 1024) client.write(message.subarray(at, at + 1024));
    expect(firstColumns(await client.untilReady(20_000))).toEqual([String(label.length)]);
  }, 30_000);

  it('joins a message’s chunks once, however many it came in (not once per chunk)', () => {
    const message = query(`select '${'y'.repeat(4 * 1024 * 1024)}'`);
    const reader = new ChunkReader();
    const started = performance.now();
    for (let at = 0; at < message.length; at += 16) {
      reader.push(message.subarray(at, at + 16));
      // What the bridge asks after every chunk: is the header there, is the whole message there?
      if (reader.length >= 5 && reader.length >= 1 + reader.int32At(1)) break;
    }
    expect(reader.take(message.length).equals(message)).toBe(true);
    expect(reader.length).toBe(0);
    expect(performance.now() - started, '262,144 chunks, linear time').toBeLessThan(2_000);
  });

  it('answers an SSL request with N and carries on in the clear', async () => {
    const client = await connect();
    client.write(sslRequest());
    expect((await client.bytes(1)).toString()).toBe('N');
    client.write(startup());
    expect(types(await client.untilReady()).endsWith('Z')).toBe(true);
  });

  it('closes a cancel request’s connection without an answer, and serves the others', async () => {
    const client = await connect();
    client.write(cancelRequest(1, 2));
    await client.closed;
    expect(await client.silence(0)).toHaveLength(0);
    expect(await ask('select 1')).toEqual(['1']);
  });

  const badFrames: [string, () => Buffer][] = [
    ['a message length of 0', () => Buffer.from([0x51, 0, 0, 0, 0])],
    ['a negative message length', () => Buffer.from([0x51, 0xff, 0xff, 0xff, 0xfb])],
    ['a message length over 1 GB', () => Buffer.from([0x51, 0x7f, 0xff, 0xff, 0xff])],
    ['a Sync longer than Postgres allows', () => frame('S', Buffer.alloc(20_000))],
    ['an unknown message type', () => frame('z', 'abc')],
  ];
  for (const [name, bytes] of badFrames) {
    it(`answers ${name} with an error and closes that connection only`, async () => {
      const client = await session();
      client.write(bytes());
      const error = await client.next();
      expect(error.type).toBe('E');
      expect(errorText(error)).toMatch(/invalid (message length|frontend message type)/);
      await client.closed;
      expect(await ask('select 2')).toEqual(['2']);
    });
  }

  const badStartups: [string, () => Buffer][] = [
    ['a startup length of 0', () => Buffer.alloc(8)],
    ['a negative startup length', () => Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 3, 0, 0])],
    ['an unknown protocol version', () => Buffer.concat([Buffer.from([0, 0, 0, 8, 0, 2, 0, 0])])],
    ['a startup packet with no user', () => startup({ database: 'postgres' })],
    ['a replication startup', () => startup({ user: 'postgres', replication: 'database' })],
  ];
  for (const [name, bytes] of badStartups) {
    it(`refuses ${name}, and PGlite lives on`, async () => {
      const client = await connect();
      client.write(bytes());
      const error = await client.next();
      expect(error.type).toBe('E');
      await client.closed;
      expect(await ask('select 3')).toEqual(['3']);
    });
  }
});

describe('the one session', () => {
  it('stays with a client between its Parse/Describe/Flush and its Sync', async () => {
    const a = await session();
    const b = await session();
    a.write(parse('', 'select $1::text'), describeMessage('S'), flush());
    expect(types([await a.next(), await a.next(), await a.next()])).toBe('1tT');
    b.write(parse('', 'select 99'), bind(''), execute(), sync());
    expect(await b.silence(200), 'b waits while a is between Flush and Sync').toHaveLength(0);
    a.write(bind('', ['from a']), execute(), sync());
    expect(firstColumns(await a.untilReady())).toEqual(['from a']);
    expect(firstColumns(await b.untilReady())).toEqual(['99']);
  });

  it('frees the session when a client leaves after Parse/Flush without a Sync', async () => {
    const a = await session();
    a.write(parse('', 'select 1'), describeMessage('S'), flush());
    await a.next();
    a.socket.destroy();
    expect(await ask('select 4')).toEqual(['4']);
  });

  it('rolls back the open transaction of a client that leaves, and frees the session', async () => {
    const a = await session();
    const b = await session(); // before a begins: a newcomer's startup waits for the session too
    a.write(query('begin'), query(`insert into items values (1, 'left behind')`));
    await a.untilReady();
    await a.untilReady();
    b.write(query('select count(*) from items'));
    expect(await b.silence(200), 'b waits for a’s transaction').toHaveLength(0);
    a.socket.destroy();
    expect(firstColumns(await b.untilReady())).toEqual(['0']);
  });

  it('rolls back the transaction of a client that sends Terminate mid-transaction', async () => {
    const a = await session();
    a.write(query('begin'), query(`insert into items values (2, 'terminated')`));
    await a.untilReady();
    await a.untilReady();
    a.write(terminate());
    await a.closed;
    expect(await ask('select count(*) from items')).toEqual(['0']);
  });

  it('closes the statements a leaving client prepared, not another client’s of the same name', async () => {
    const a = await session();
    const b = await session();
    a.write(parse('stmt_a', 'select 1'), sync());
    await a.untilReady();
    b.write(parse('stmt_b', 'select 2'), sync(), parse('stmt_b2', 'select 3'), close('S', 'stmt_b2'), sync());
    await b.untilReady();
    await b.untilReady();
    b.write(parse('stmt_a', 'select 666'), sync());
    expect(errorText((await b.untilReady())[0] ?? { type: '', body: Buffer.alloc(0) })).toMatch(
      /already exists/,
    );
    b.end();
    await b.closed;
    const names = await ask(
      `select string_agg(name, ',' order by name) from pg_prepared_statements where name like 'stmt_%'`,
    );
    expect(names).toEqual(['stmt_a']);
    a.write(bind('stmt_a'), execute(), sync());
    expect(firstColumns(await a.untilReady())).toEqual(['1']);
  });
});

describe('COPY', () => {
  it('copies from stdin as a simple query, and back out to stdout', async () => {
    const client = await session();
    client.write(query('copy items from stdin'));
    const response = await client.next();
    expect(response.type).toBe('G');
    expect(response.body.readInt16BE(1), 'Postgres’s own CopyInResponse, with its two columns').toBe(2);
    client.write(copyData('10\tten\n'), copyData('11\televen\n'), copyDone());
    const done = await client.untilReady();
    expect(types(done)).toBe('CZ');
    client.write(query('copy (select * from items where id >= 10 order by id) to stdout'));
    const out = await client.untilReady();
    expect(types(out)).toBe('HddcCZ');
    expect(out.filter((m) => m.type === 'd').map((m) => m.body.toString())).toEqual([
      '10\tten\n',
      '11\televen\n',
    ]);
    client.write(query('delete from items where id >= 10'));
    await client.untilReady();
  });

  it('reports bad COPY data with Postgres’s error after the CopyDone', async () => {
    const client = await session();
    client.write(query('copy items from stdin'));
    expect((await client.next()).type).toBe('G');
    client.write(copyData('not a number\tx\n'), copyDone());
    const reply = await client.untilReady();
    expect(types(reply)).toBe('EZ');
    expect(errorText(reply[0] ?? { type: '', body: Buffer.alloc(0) })).toMatch(
      /invalid input syntax for type integer/,
    );
    expect(await ask('select count(*) from items')).toEqual(['0']);
  });

  it('answers a COPY FROM STDIN it cannot hand PGlite whole with a clear error, and lives on', async () => {
    const client = await session();
    client.write(parse('', 'copy items from stdin'), bind(''), execute(), sync());
    const extended = await client.untilReady();
    const error = extended.find((m) => m.type === 'E');
    expect(error && errorText(error)).toMatch(/COPY FROM STDIN only as a simple query/);
    client.write(query('select 1; copy items from stdin'));
    const afterAnother = await client.untilReady();
    const second = afterAnother.find((m) => m.type === 'E');
    expect(second && errorText(second)).toMatch(/COPY FROM STDIN only as a simple query/);
    expect(await ask('select 5')).toEqual(['5']);
  });
});

describe('backpressure', () => {
  it('runs no more of a client’s batches while it does not read its replies, and serves the others', async () => {
    await database.sql`create table if not exists backpressure (n int)`;
    const slow = await session();
    slow.socket.pause();
    const replies = 40;
    for (let i = 0; i < replies; i++) {
      slow.write(query(`insert into backpressure values (${i}) returning repeat('${i % 10}', 512 * 1024)`));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [ran] = await ask('select count(*) from backpressure');
    expect(Number(ran), 'batches run while the client reads nothing').toBeLessThan(5);
    slow.socket.resume();
    for (let i = 0; i < replies; i++) {
      const [value] = firstColumns(await slow.untilReady(10_000));
      expect(value?.length).toBe(512 * 1024);
      expect(value?.[0]).toBe(String(i % 10));
    }
    expect(await ask('select count(*) from backpressure')).toEqual([String(replies)]);
  }, 30_000);
});
