// Plain JavaScript: runs on the embedded database's worker thread, which has no TS loader.
//
// Serves PGlite over the Postgres wire protocol on a socket, like @electric-sql/pglite-socket, but
// hands PGlite a whole pipeline at a time: every message up to a Sync (or a simple Query) goes in one
// call and the reply goes out in one write. pglite-socket runs each message on its own and writes
// each reply chunk on its own, which costs more than the statements themselves on short queries.

const sslRequestCode = 80877103;
const cancelRequestCode = 80877102;
const Sync = 0x53;
const Query = 0x51;
const Flush = 0x48;
const Terminate = 0x58;
const rollback = simpleQuery('ROLLBACK');

/** @param {string} text */
function simpleQuery(text) {
  const body = Buffer.from(`${text}\0`);
  const message = Buffer.alloc(5 + body.length);
  message[0] = Query;
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

/**
 * @typedef {{ socket: import('node:net').Socket, buffer: Buffer, messages: Buffer[], started: boolean, open: boolean }} Connection
 * @typedef {{ connection: Connection | undefined, batch: Buffer }} Job
 */

export class WireBridge {
  /** @param {import('@electric-sql/pglite').PGlite} db */
  constructor(db) {
    this.db = db;
    /** @type {Job[]} */
    this.queue = [];
    /** The connection whose transaction is open: PGlite is one session, so others wait for it. @type {Connection | undefined} */
    this.owner = undefined;
    this.draining = false;
  }

  /** @param {import('node:net').Socket} socket */
  attach(socket) {
    /** @type {Connection} */
    const connection = { socket, buffer: Buffer.alloc(0), messages: [], started: false, open: true };
    socket.setNoDelay?.(true);
    socket.on('data', (chunk) => {
      connection.buffer = connection.buffer.length > 0 ? Buffer.concat([connection.buffer, chunk]) : chunk;
      this.#split(connection);
      void this.#drain();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      connection.open = false;
      if (this.owner === connection) {
        // A client that vanished mid-transaction must not leave it open for everyone else.
        this.owner = undefined;
        this.queue.unshift({ connection: undefined, batch: rollback });
      }
      void this.#drain();
    });
  }

  /** @param {Connection} connection */
  #split(connection) {
    for (;;) {
      const buffer = connection.buffer;
      if (!connection.started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        const message = buffer.subarray(0, length);
        connection.buffer = buffer.subarray(length);
        if (code === sslRequestCode) {
          connection.socket.write('N');
          continue;
        }
        if (code === cancelRequestCode) {
          connection.socket.end();
          return;
        }
        connection.started = true;
        this.queue.push({ connection, batch: Buffer.from(message) });
        continue;
      }
      if (buffer.length < 5) return;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) return;
      const type = buffer[0];
      connection.messages.push(buffer.subarray(0, length));
      connection.buffer = buffer.subarray(length);
      if (type === Terminate) {
        connection.messages = [];
        connection.socket.end();
        return;
      }
      if (type === Sync || type === Query || type === Flush) {
        this.queue.push({ connection, batch: Buffer.concat(connection.messages) });
        connection.messages = [];
      }
    }
  }

  async #drain() {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const index = this.owner ? this.queue.findIndex((job) => job.connection === this.owner) : 0;
        if (index < 0 || this.queue.length === 0) return;
        const [job] = this.queue.splice(index, 1);
        if (!job || (job.connection && !job.connection.open)) continue;
        const reply = await this.db.execProtocolRaw(
          new Uint8Array(job.batch.buffer, job.batch.byteOffset, job.batch.length),
        );
        this.owner = this.db.isInTransaction() ? job.connection : undefined;
        if (job.connection?.open && reply.length > 0) job.connection.socket.write(reply);
      }
    } finally {
      this.draining = false;
    }
  }
}
