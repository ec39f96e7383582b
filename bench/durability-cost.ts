/**
 * What the embedded database's durability settings cost on this machine (docs/durability.md).
 * Opens PGlite directly, one fresh folder per variant, and measures single-row commits per second,
 * then writes a bulk volume and reports the data folder's size (and its WAL) after a checkpoint.
 *
 *   node bin/run-ts.js bench/durability-cost.ts [--commits 1000] [--rows 500000] [--runs 3]
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { DurableNodeFS } from '../backend/db/durable-node-fs.js';
import { embeddedStartParams } from '../backend/db/embedded.ts';
import { summarise } from './stats.ts';

interface Variant {
  name: string;
  startParams: string[];
  fs: (dir: string) => NonNullable<PGliteOptions['fs']>;
}

const variants: Variant[] = [
  {
    name: 'PGlite default (-F: fsync off, max_wal_size 1GB)',
    startParams: PGlite.defaultStartParams,
    fs: (dir) => new NodeFS(dir),
  },
  {
    name: 'fsync=on alone, stock NodeFS (no fsync reaches the disk)',
    startParams: [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'fsync=on'],
    fs: (dir) => new NodeFS(dir),
  },
  {
    name: 'CSCX embedded (fsync=on, wal_sync_method=fsync, DurableNodeFS, max_wal_size 64MB)',
    startParams: embeddedStartParams,
    fs: (dir) => new DurableNodeFS(dir),
  },
];

const { values } = parseArgs({
  options: {
    commits: { type: 'string', default: '1000' },
    rows: { type: 'string', default: '500000' },
    runs: { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs);
const commits = Number(values.commits);
const bulkRows = Number(values.rows);
const warmUp = Math.max(50, Math.round(commits / 10));
const batch = 1000;
const payload = 'x'.repeat(200);

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function measure(variant: Variant) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cscx-durability-'));
  try {
    const db = await PGlite.create({ fs: variant.fs(dir), startParams: variant.startParams });
    const [fsync] = (await db.query<{ fsync: string }>('show fsync')).rows;
    await db.exec(
      'create table writes (id bigserial primary key, payload text not null, at timestamptz not null)',
    );
    const insert = 'insert into writes (payload, at) values ($1, now())';
    for (let i = 0; i < warmUp; i++) await db.query(insert, [payload]);

    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < commits; i++) {
      const t0 = performance.now();
      await db.query(insert, [payload]);
      latencies.push(performance.now() - t0);
    }
    const commitsPerSecond = commits / ((performance.now() - started) / 1000);

    const bulkStarted = performance.now();
    for (let written = 0; written < bulkRows; written += batch) {
      const n = Math.min(batch, bulkRows - written);
      await db.query('insert into writes (payload, at) select $1, now() from generate_series(1, $2::int)', [
        payload,
        n,
      ]);
    }
    const bulkSeconds = (performance.now() - bulkStarted) / 1000;
    await db.exec('checkpoint');
    await db.close();
    const total = folderBytes(dir);
    const wal = folderBytes(path.join(dir, 'pg_wal'));
    return { fsync: fsync?.fsync, commitsPerSecond, latency: summarise(latencies), bulkSeconds, total, wal };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const median = (xs: number[]) => summarise(xs).p50;
const range = (xs: number[], digits: number) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

const lines = [
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, folders in ${os.tmpdir()}`,
  `per run: ${commits} single-row commits after ${warmUp} warm-up; then ${bulkRows.toLocaleString('en')} rows in ${batch}-row transactions, CHECKPOINT, folder size`,
  `${runs} runs, variants interleaved; median (min–max)`,
  '',
  '| variant | fsync | commits/s | commit p50 ms | commit p95 ms | bulk s | folder MB | of which pg_wal MB |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
];
process.stdout.write(`${lines.join('\n')}\n`);
const results = variants.map(() => [] as Awaited<ReturnType<typeof measure>>[]);
for (let run = 0; run < runs; run++) {
  for (const [i, variant] of variants.entries()) results[i]?.push(await measure(variant));
}
for (const [i, variant] of variants.entries()) {
  const rs = results[i] ?? [];
  const col = (f: (r: (typeof rs)[number]) => number, digits: number) => range(rs.map(f), digits);
  process.stdout.write(
    `| ${variant.name} | ${rs[0]?.fsync} | ${col((r) => r.commitsPerSecond, 0)} | ${col((r) => r.latency.p50, 2)} | ${col((r) => r.latency.p95, 2)} | ${col((r) => r.bulkSeconds, 1)} | ${mb(median(rs.map((r) => r.total)))} | ${mb(median(rs.map((r) => r.wal)))} |\n`,
  );
}
