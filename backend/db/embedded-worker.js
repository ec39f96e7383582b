// The embedded PostgreSQL (PGlite) lives on this worker thread so that its synchronous WASM
// execution never blocks the server's event loop. It is reached only through a Unix socket
// inside the data folder (mode 0600): PGlite has no password and runs as superuser, so it is
// never put on a TCP port. Plain JavaScript so it loads in a worker without a TS loader.
import { chmodSync, rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DurableNodeFS } from './durable-node-fs.js';

/** @type {{ pgDataDir: string, socketPath: string, startParams: string[] }} */
const { pgDataDir, socketPath, startParams } = workerData;

const db = await PGlite.create({ fs: new DurableNodeFS(pgDataDir), startParams });
rmSync(socketPath, { force: true });
const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 16 });
await server.start();
chmodSync(socketPath, 0o600);

parentPort?.on('message', async (message) => {
  if (message === 'close') {
    await server.stop();
    await db.close();
    rmSync(socketPath, { force: true });
    parentPort?.postMessage({ closed: true });
  }
});
parentPort?.postMessage({ ready: true });
