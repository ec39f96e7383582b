// Plain JavaScript: runs on the embedded database's worker thread, which has no TS loader.
//
// Serves PGlite over the Postgres wire protocol on a socket, like @electric-sql/pglite-socket, but
// hands PGlite a whole pipeline at a time: every message up to a Sync (or a simple Query) goes in one
// call and the reply goes out in one write. pglite-socket runs each message on its own and writes
// each reply chunk on its own, which costs more than the statements themselves on short queries.
//
// PGlite is ONE Postgres session, shared by every connection on the socket. Hence:
// - A connection holds the session from its first batch until a batch of its ends (Sync or simple
//   Query) outside a transaction; the others' batches wait in the queue. A Flush never releases it:
//   postgres.js sends Parse/Describe/Flush and only later Bind/Execute/Sync, and in between the
//   statement lives in the session's one unnamed slot, which another connection's Parse would replace
//   (pglite-socket has this bug: electric-sql/pglite PR #977).
// - All connections' named prepared statements share one namespace. A departing connection's own are
//   closed; never the others' (so never DEALLOCATE ALL: the server's connection keeps its cache).
//   Statements made with SQL PREPARE are not tracked.
// - PGlite exits or hangs, taking every connection with it, on what Postgres treats as fatal for one
//   connection: an unknown message type, an over-long message, a bad startup packet, input running out
//   inside a COPY FROM STDIN. So frames are checked here before PGlite sees them.

import * as wire from './wire-protocol.js';

/** What one batch may gather (a COPY FROM STDIN is held whole until its CopyDone): Postgres's largest message. */
const maxBatchBytes = 0x40000000 + 0x10000;
/** Batches a connection may have waiting before its socket is no longer read. */
const maxQueued = 16;

/** @typedef {{ connection: Connection, kind: JobKind, batch: Buffer, parses: string[] }} Job */
/** @typedef {'startup' | 'flush' | 'sync' | 'probe' | 'copy' | 'cleanup'} JobKind */

class Connection {
  /** @param {import('node:net').Socket} socket */
  constructor(socket) {
    this.socket = socket;
    this.input = new wire.ChunkReader();
    this.started = false; // past the startup packet
    this.open = true; // false once closed, terminated or dropped for a protocol violation
    /** @type {Buffer[]} the batch being gathered */
    this.messages = [];
    /** @type {string[]} the names of the Parse messages in it, in order ('' for unnamed) */
    this.parses = [];
    /** @type {'off' | 'probing' | 'on'} a COPY FROM STDIN being probed, or taking data (see #probe) */
    this.copy = 'off';
    this.gathered = 0; // bytes in messages
    /** @type {Set<string>} the named prepared statements it created and has not closed */
    this.statements = new Set();
    this.queued = 0; // its jobs waiting in the queue
    this.blocked = false; // its socket's write buffer is full: no more replies until 'drain'
    this.paused = false; // its socket is not being read
  }
}

export class WireBridge {
  /** @param {import('@electric-sql/pglite').PGlite} db */
  constructor(db) {
    this.db = db;
    /** @type {Job[]} */
    this.queue = [];
    /** @type {Connection | undefined} the connection holding the session (see above) */
    this.owner = undefined;
    this.running = false;
    /** @type {Connection | undefined} the connection whose replies are being held back to go out in one write */
    this.corked = undefined;
  }

  /** @param {import('node:net').Socket} socket */
  attach(socket) {
    const connection = new Connection(socket);
    socket.on('data', (chunk) => {
      connection.input.push(chunk);
      this.#read(connection);
      void this.#run();
    });
    socket.on('drain', () => {
      connection.blocked = false;
      this.#flow(connection);
      void this.#run();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.#disconnect(connection);
      void this.#run();
    });
  }

  /** @param {Connection} connection */
  #read(connection) {
    const { input } = connection;
    while (connection.open && connection.copy !== 'probing' && input.length >= 4) {
      if (!connection.started) {
        if (!this.#startup(connection)) return;
        continue;
      }
      if (input.length < 5) return;
      const type = input.byteAt(0);
      const length = input.int32At(1);
      const problem = wire.frameProblem(type, length);
      if (problem) return this.#fail(connection, problem);
      if (input.length < 1 + length) return;
      this.#message(connection, type, input.take(1 + length));
    }
  }

  /**
   * The packet before the protocol proper: an SSL/GSS request, a cancel request or the startup message.
   * @param {Connection} connection @returns {boolean} whether to read on
   */
  #startup(connection) {
    const { input, socket } = connection;
    const length = input.int32At(0);
    if (length < 8 || length > wire.maxStartupLength) {
      return this.#fail(connection, `invalid length of startup packet: ${length}`);
    }
    if (input.length < length) return false;
    const packet = input.take(length);
    const version = packet.readInt32BE(4);
    if (version === wire.sslRequestCode || version === wire.gssRequestCode) {
      socket.write('N'); // no encryption on a Unix socket: the client carries on in the clear
      return true;
    }
    if (version === wire.cancelRequestCode) {
      // PGlite runs each batch synchronously to its end, so there is nothing to interrupt. Postgres
      // answers a cancel request by closing the connection; so do we.
      connection.open = false;
      socket.end();
      return false;
    }
    const problem = wire.startupProblem(packet);
    if (problem) return this.#fail(connection, problem);
    connection.started = true;
    this.#enqueue(connection, 'startup', packet);
    return true;
  }

  /** @param {Connection} connection @param {number} type @param {Buffer} frame one whole message */
  #message(connection, type, frame) {
    if (type === wire.Terminate) return this.#disconnect(connection);
    connection.gathered += frame.length;
    if (connection.gathered > maxBatchBytes)
      return this.#fail(connection, 'batch over 1 GB; send it in parts');
    if (connection.copy === 'on') return this.#copy(connection, type, frame);
    if (type === wire.Parse) connection.parses.push(wire.cString(frame, 5) ?? '');
    if (type === wire.Close && frame[5] === 0x53) connection.statements.delete(wire.cString(frame, 6) ?? '');
    if (type === wire.Query && wire.isCopyFromStdin(frame)) {
      connection.messages.push(frame);
      connection.copy = 'probing';
      return this.#enqueue(connection, 'probe', frame);
    }
    if (type === wire.Sync) connection.messages.push(wire.copyFailGuard, frame);
    else if (type === wire.Flush || type === wire.Query || type === wire.FunctionCall)
      connection.messages.push(frame, wire.copyFailGuard);
    else {
      connection.messages.push(frame);
      return;
    }
    this.#enqueue(connection, type === wire.Flush ? 'flush' : 'sync');
  }

  /**
   * Inside a COPY FROM STDIN: CopyData, and the Flush and Sync that Postgres ignores there, are gathered.
   * Anything else ends it: CopyDone, CopyFail, or a message Postgres fails the COPY for, as it would.
   * @param {Connection} connection @param {number} type @param {Buffer} frame
   */
  #copy(connection, type, frame) {
    connection.messages.push(frame);
    if (type === wire.CopyData || type === wire.Flush || type === wire.Sync) return;
    connection.copy = 'off';
    connection.messages.push(wire.copyFailGuard);
    this.#enqueue(connection, 'copy');
  }

  /** Queues a job: the batch gathered so far, or (`fixed`) a startup packet, a COPY's Query.
   * @param {Connection} connection @param {JobKind} kind @param {Buffer} [fixed] */
  #enqueue(connection, kind, fixed) {
    const { messages, parses } = connection;
    if (!fixed) [connection.messages, connection.parses, connection.gathered] = [[], [], 0];
    const batch = fixed ?? Buffer.concat(messages);
    this.queue.push({ connection, kind, batch, parses: fixed ? [] : parses });
    connection.queued++;
    this.#flow(connection);
  }

  /** Stops reading a connection while its replies back up, its batches pile up (another holding the
   * session) or its COPY is probed: nothing grows without bound, the client feels the backpressure.
   * @param {Connection} connection */
  #flow(connection) {
    const pause =
      connection.open &&
      (connection.blocked || connection.copy === 'probing' || connection.queued >= maxQueued);
    if (pause === connection.paused) return;
    connection.paused = pause;
    if (pause) connection.socket.pause();
    else connection.socket.resume();
  }

  async #run() {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.#next(); job; job = this.#next()) {
        if (this.corked !== job.connection) this.#uncork();
        await this.#execute(job);
      }
    } finally {
      this.#uncork();
      this.running = false;
    }
  }

  /** Sends the replies held back for the connection whose jobs ran last (see #write). */
  #uncork() {
    const socket = this.corked?.socket;
    this.corked = undefined;
    if (socket && !socket.destroyed) socket.uncork();
  }

  /** The holder's next job while a connection holds the session, else the oldest one; never one whose
   * connection cannot take a reply yet (which also keeps each connection's jobs in order). */
  #next() {
    const index = this.queue.findIndex(
      (job) => !job.connection.blocked && (this.owner === undefined || job.connection === this.owner),
    );
    return index < 0 ? undefined : this.queue.splice(index, 1)[0];
  }

  /** @param {Job} job */
  async #execute(job) {
    const { connection, kind } = job;
    connection.queued--;
    this.#flow(connection);
    if (kind === 'probe') return this.#probe(connection, job.batch);
    const batch =
      kind === 'cleanup' ? wire.leftovers(connection.statements, this.owner === connection) : job.batch;
    if (batch.length === 0) return;
    let reply = await this.#exec(connection, batch);
    if (!reply) return;
    // The startup reply is a view of PGlite's receive buffer, which the next call overwrites.
    if (kind === 'startup') reply = Buffer.from(reply);
    // Who holds the session now (see the top of the file): a Flush keeps it, and so does a batch that
    // ends inside a transaction.
    if (kind === 'flush') this.owner = connection;
    else if (kind !== 'startup')
      this.owner = this.#idle(reply) || kind === 'cleanup' ? undefined : connection;
    if (job.parses.some(Boolean)) {
      // After an error Postgres skips the rest of the batch, so the first n Parses are the ones that
      // made a statement. One that failed because another connection has the name must not make it ours.
      const made = wire.findMessages(reply, wire.ParseComplete).length;
      for (const name of job.parses.slice(0, made)) if (name) connection.statements.add(name);
    }
    // The client has had the CopyInResponse already, from the probe.
    if (kind === 'copy' && reply[0] === wire.CopyInResponse) reply = reply.subarray(1 + reply.readInt32BE(1));
    if (kind !== 'cleanup') this.#write(connection, reply);
    // Out of a transaction the client is waiting for this reply (a COMMIT's, say): send it now rather
    // than behind the work of what it pipelined next (the next transaction's BEGIN).
    if (this.owner !== connection) this.#uncork();
  }

  /**
   * Starts a COPY FROM STDIN. PGlite cannot wait for COPY data: given the Query alone, it runs out of
   * input and exits. So a probe (see copyProbe) gets Postgres's CopyInResponse for the client, #copy
   * gathers the data, and PGlite gets the Query, the data and the CopyDone in one call. A COPY that
   * does not start runs as it is, for its error. The connection is not read meanwhile.
   * @param {Connection} connection @param {Buffer} query
   */
  async #probe(connection, query) {
    const reply = await this.#exec(connection, wire.copyProbe(query, this.db.isInTransaction()));
    const [response] = reply ? wire.findMessages(reply, wire.CopyInResponse) : [];
    connection.copy = response ? 'on' : 'off';
    if (response) this.#write(connection, response);
    else if (connection.open) {
      connection.messages.push(wire.copyFailGuard);
      this.#enqueue(connection, 'sync');
    }
    this.#flow(connection);
    this.#read(connection);
  }

  /** Runs a batch. If PGlite throws (it is likely gone then), the client is told rather than left waiting.
   * @param {Connection} connection @param {Buffer} batch @returns {Promise<Buffer | undefined>} */
  async #exec(connection, batch) {
    try {
      const raw = await this.db.execProtocolRaw(new Uint8Array(batch.buffer, batch.byteOffset, batch.length));
      return Buffer.from(raw.buffer, raw.byteOffset, raw.length);
    } catch (error) {
      this.owner = undefined;
      this.#fail(connection, `embedded database: ${error instanceof Error ? error.message : error}`);
      return undefined;
    }
  }

  /** @param {Buffer} reply of a batch that ends with a Sync or Query */
  #idle(reply) {
    return (wire.readyStatus(reply) ?? (this.db.isInTransaction() ? 'T' : 'I')) === 'I';
  }

  /** @param {Connection} connection @param {Buffer} reply */
  #write(connection, reply) {
    if (!connection.open || reply.length === 0 || connection.socket.destroyed) return;
    // A client that pipelines (postgres.js sends BEGIN with a transaction's first statement) gets
    // the replies of its consecutive batches inside a transaction in one write: one wakeup of its
    // thread instead of one per batch (see #execute for when a reply goes at once).
    if (this.corked !== connection) {
      connection.socket.cork();
      this.corked = connection;
    }
    if (!connection.socket.write(reply)) {
      connection.blocked = true;
      this.#flow(connection);
    }
  }

  /**
   * The connection is gone (or going: Terminate, protocol violation). The batches it had sent still
   * run, as Postgres runs what it read before a connection dropped; then its cleanup job releases
   * what it held.
   * @param {Connection} connection
   */
  #disconnect(connection) {
    if (!connection.open) return;
    connection.open = false;
    connection.socket.end();
    connection.blocked = false;
    [connection.messages, connection.parses, connection.copy] = [[], [], 'off'];
    if (connection.started) this.#enqueue(connection, 'cleanup', Buffer.alloc(0));
  }

  /**
   * A protocol violation: tell the client, as Postgres does, and drop the connection.
   * @param {Connection} connection @param {string} text @returns {false} so callers can stop reading
   */
  #fail(connection, text) {
    const { socket } = connection;
    if (connection.open) socket.end(wire.errorResponse(text), () => socket.destroy());
    this.#disconnect(connection);
    return false;
  }
}
