// Plain JavaScript: loaded by the embedded database's worker thread, which has no TS loader.
import { fsyncSync } from 'node:fs';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite's NodeFS with an fsync that reaches the disk. Emscripten's NODEFS (PGlite 0.5.14) has no
 * `fsync` stream operation and its `fdatasync` syscall is a no-op, so with `fsync=on` Postgres
 * believes its WAL is on disk when it is only in the OS page cache (measured with strace: zero
 * fsync/fdatasync calls). This adds the missing operation; `wal_sync_method=fsync` (see
 * embedded.ts) makes commits use it. It is installed before Postgres starts, so crash recovery's
 * own checkpoint is synced too.
 */
export class DurableNodeFS extends NodeFS {
  /**
   * @override
   * @param {Parameters<NodeFS['init']>[0]} pg
   * @param {Parameters<NodeFS['init']>[1]} opts
   */
  async init(pg, opts) {
    const result = await super.init(pg, opts);
    const { emscriptenOpts } = result;
    emscriptenOpts.preRun = [...(emscriptenOpts.preRun ?? []), installFsync];
    return result;
  }
}

/**
 * The parts of emscripten's NODEFS this relies on; PGlite's types do not describe them.
 * @typedef {{ stream_ops?: { fsync?: (stream: { nfd: number }) => number }, tryFSOperation?: (f: () => void) => void }} NodefsInternals
 */

/** @param {Parameters<NonNullable<Parameters<NodeFS['init']>[1]['preRun']>[number]>[0]} mod */
function installFsync(mod) {
  const filesystems = /** @type {Record<string, NodefsInternals | undefined>} */ (mod.FS.filesystems);
  const nodefs = filesystems.NODEFS;
  const tryFSOperation = nodefs?.tryFSOperation;
  if (!nodefs?.stream_ops || !tryFSOperation)
    throw new Error('PGlite internals changed: cannot install fsync on NODEFS (see durable-node-fs.js)');
  nodefs.stream_ops.fsync = (stream) => {
    tryFSOperation(() => fsyncSync(stream.nfd));
    return 0;
  };
}
