import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's own start parameters minus `-F`: PGlite turns fsync off by default, so a power loss
 * could lose acknowledged writes or corrupt the folder. A CRM is worth the fsync per commit.
 * `wal_sync_method=fsync` because emscripten's `fdatasync` is a no-op: only `fsync` reaches the disk,
 * through DurableNodeFS (durable-node-fs.js). Measured in docs/durability.md.
 * WAL is capped well below Postgres's 1 GB default because a laptop's data folder should stay small.
 */
export const embeddedStartParams: string[] = [
  ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=fsync',
  '-c',
  'max_wal_size=64MB',
  '-c',
  'min_wal_size=32MB',
  '-c',
  'work_mem=16MB',
];

export interface EmbeddedPaths {
  dataDir: string;
  pgDataDir: string;
  socketPath: string;
  lockPath: string;
  /** Where a running server writes its public address, for the CLI beside it. */
  serverFilePath: string;
}

export function embeddedPaths(dataDir: string): EmbeddedPaths {
  const root = path.resolve(dataDir);
  return {
    dataDir: root,
    pgDataDir: path.join(root, 'pgdata'),
    socketPath: path.join(root, 'run', 'pg.sock'),
    lockPath: path.join(root, 'cscx.lock'),
    serverFilePath: path.join(root, 'server.json'),
  };
}

export interface EmbeddedServer {
  socketPath: string;
  stop(): Promise<void>;
}

/** Starts PGlite on a worker thread, listening on the data folder's Unix socket. */
export async function startEmbeddedServer(paths: EmbeddedPaths): Promise<EmbeddedServer> {
  mkdirSync(path.dirname(paths.socketPath), { recursive: true, mode: 0o700 });
  mkdirSync(paths.pgDataDir, { recursive: true, mode: 0o700 });
  const worker = new Worker(new URL('./embedded-worker.js', import.meta.url), {
    workerData: {
      pgDataDir: paths.pgDataDir,
      socketPath: paths.socketPath,
      startParams: embeddedStartParams,
    },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`embedded database exited during start (code ${code})`)));
    worker.once('message', () => resolve());
  });
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  let stopped: Promise<void> | undefined;
  return {
    socketPath: paths.socketPath,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        worker.once('message', () => void worker.terminate().then(() => resolve()));
        worker.postMessage('close');
      });
      return stopped;
    },
  };
}
