// The embedded PostgreSQL (PGlite) lives on this worker thread so that its synchronous WASM
// execution never blocks the server's event loop. It is reached only through a Unix socket
// inside the data folder (mode 0600): PGlite has no password and runs as superuser, so it is
// never put on a TCP port. Plain JavaScript so it loads in a worker without a TS loader.
import { chmodSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { DurableNodeFS } from './durable-node-fs.js';
import { WireBridge } from './wire-bridge.js';

/** @type {{ pgDataDir: string, socketPath: string, startParams: string[] }} */
const { pgDataDir, socketPath, startParams } = workerData;

const db = await PGlite.create({ fs: new DurableNodeFS(pgDataDir), startParams });
const bridge = new WireBridge(db);
/** @type {Set<import('node:net').Socket>} */
const sockets = new Set();
const server = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  bridge.attach(socket);
});
rmSync(socketPath, { force: true });
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(socketPath, () => resolve(undefined));
});
chmodSync(socketPath, 0o600);

parentPort?.on('message', async (message) => {
  if (message === 'close') {
    await new Promise((resolve) => {
      server.close(() => resolve(undefined));
      for (const socket of sockets) socket.destroy();
    });
    await db.close();
    rmSync(socketPath, { force: true });
    parentPort?.postMessage({ closed: true });
  }
});
parentPort?.postMessage({ ready: true });
