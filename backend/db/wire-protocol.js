// Plain JavaScript, like wire-bridge.js: it runs on the embedded database's worker thread.
//
// The Postgres wire protocol as the bridge needs it: framing, the checks that keep bad input away from
// PGlite (which exits or hangs on what Postgres would only drop one connection for), a few messages.

/** Message type codes, as numbers. */
export const [Query, Parse, Close, Flush, Sync, FunctionCall, CopyData, Terminate] = [...'QPCHSFdX'].map(
  code,
);
export const [ParseComplete, CopyInResponse] = [code('1'), code('G')];
export const sslRequestCode = 80877103;
export const gssRequestCode = 80877104;
export const cancelRequestCode = 80877102;
const protocol30 = 196608;

// Postgres's own limits (MAX_STARTUP_PACKET_LENGTH; PQ_LARGE_MESSAGE_LIMIT, about 1 GB, for the
// messages that carry data; PQ_SMALL_MESSAGE_LIMIT for the rest). Past them Postgres drops the
// connection; PGlite, given such a message, hangs.
export const maxStartupLength = 10_000;
const largeBody = 0x3fffffff - 1;
const smallBody = 10_000;
/** Frontend message types Postgres accepts after startup, with their largest body. */
const bodyLimit = new Map([
  ...[...'PBFQd'].map((c) => /** @type {[number, number]} */ ([code(c), largeBody])),
  ...[...'CDEHScfX'].map((c) => /** @type {[number, number]} */ ([code(c), smallBody])),
]);

/** @param {string} c one character */
function code(c) {
  return c.charCodeAt(0);
}

const sync = message('S');
const rollback = message('Q', 'ROLLBACK\0');
// The bridge puts this at the end of every batch (before its Sync, which a COPY ignores). Outside a
// COPY, Postgres ignores a CopyFail; inside one it fails the COPY. So a COPY FROM STDIN the bridge
// did not catch (an extended-protocol one, one after another statement) ends in an error instead of
// PGlite running out of input and exiting.
export const copyFailGuard = message(
  'f',
  'the embedded database takes COPY FROM STDIN only as a simple query that starts with COPY; use INSERT …\0',
);

/**
 * What clears a departed connection's leftovers: a half-sent extended batch (a Sync ends it), its open
 * transaction (ROLLBACK), its named statements (Close, which does not fail on a missing one; named
 * statements of all connections share PGlite's one session, so only its own are closed).
 * @param {Iterable<string>} statements @param {boolean} holdsSession
 */
export function leftovers(statements, holdsSession) {
  const parts = holdsSession ? [sync, rollback] : [];
  for (const name of statements) parts.push(message('C', `S${name}\0`));
  if (parts.length > (holdsSession ? 2 : 0)) parts.push(sync);
  return Buffer.concat(parts);
}

/**
 * Why a message with this header must not reach PGlite, or undefined.
 * @param {number} type
 * @param {number} length the header's length field (counts itself)
 */
export function frameProblem(type, length) {
  const limit = bodyLimit.get(type);
  if (limit === undefined) return `invalid frontend message type ${type}`;
  if (length < 4 || length - 4 > limit) return `invalid message length ${length}`;
  return undefined;
}

/**
 * Why PGlite must not see this startup packet (it exits on a bad one), or undefined.
 * @param {Buffer} packet
 */
export function startupProblem(packet) {
  if (packet.readInt32BE(4) !== protocol30)
    return 'unsupported frontend protocol: the embedded database speaks 3.0';
  const fields = packet.toString('utf8', 8).split('\0');
  if (fields.pop() !== '' || fields.pop() !== '' || fields.length % 2 !== 0)
    return 'invalid startup packet layout';
  const names = fields.filter((_, i) => i % 2 === 0);
  if (!fields[names.indexOf('user') * 2 + 1]) return 'no PostgreSQL user name specified in startup packet';
  if (names.includes('replication')) return 'the embedded database takes no replication connections';
  return undefined;
}

/**
 * A simple Query that is one COPY … FROM STDIN (leading comments allowed; a COPY of a query in
 * parentheses is always COPY TO). What this misses still fails cleanly: see copyFailGuard in the bridge.
 * @param {Buffer} frame
 */
export function isCopyFromStdin(frame) {
  const text = frame.toString('utf8', 5, Math.min(frame.length - 1, 5 + 4096));
  return /^copy\s+[^(\s][^;]*?\bfrom\s+stdin\b/i.test(
    text.replace(/^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, ''),
  );
}

/**
 * A batch that starts the COPY of `query` and fails it at once, to learn before any data is sent
 * whether it starts: the reply holds Postgres's own CopyInResponse, or the error it fails with (no such
 * table, say), which postgres.js must get in place of a CopyInResponse (it never settles a COPY that
 * fails after its CopyDone: porsager/postgres#1173). Inside a transaction block a savepoint keeps the
 * failed COPY from aborting the transaction. Nothing is copied, so nothing else is left behind.
 * @param {Buffer} query @param {boolean} inTransaction
 */
export function copyProbe(query, inTransaction) {
  const probe = [query, message('f', 'probe\0')];
  if (!inTransaction) return Buffer.concat(probe);
  const savepoint = 'cscx_bridge_copy_probe';
  return Buffer.concat([
    message('Q', `SAVEPOINT ${savepoint}\0`),
    ...probe,
    message('Q', `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}\0`),
  ]);
}

/**
 * Cuts a socket's byte stream into messages. Chunks are kept in a list and joined only when a whole
 * message is there: concatenating each chunk onto one growing buffer is quadratic when a large message
 * (a bulk INSERT, a COPY) arrives in thousands of small chunks.
 */
export class ChunkReader {
  /** @type {Buffer[]} */
  #chunks = [];
  #length = 0;

  /** Bytes received and not taken yet. */
  get length() {
    return this.#length;
  }

  /** @param {Buffer} chunk */
  push(chunk) {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** @param {number} offset the caller has checked that `offset + 1 <= length` */
  byteAt(offset) {
    return /** @type {number} */ (this.#head(offset + 1)[offset]);
  }

  /** A big-endian int32 (a length); the caller has checked that `offset + 4 <= length`. @param {number} offset */
  int32At(offset) {
    return this.#head(offset + 4).readInt32BE(offset);
  }

  /** Removes and returns the first `n` bytes; the caller has checked that `n <= length`. @param {number} n */
  take(n) {
    const head = this.#head(n);
    if (head.length === n) this.#chunks.shift();
    else this.#chunks[0] = head.subarray(n);
    this.#length -= n;
    return head.subarray(0, n);
  }

  /**
   * The first chunk, grown to at least `n` bytes by joining just the chunks needed: a header read joins
   * the few chunks holding its bytes, a whole message is joined once, so reading stays linear.
   * @param {number} n
   */
  #head(n) {
    const first = /** @type {Buffer} */ (this.#chunks[0]);
    if (first.length >= n) return first;
    let count = 0;
    let size = 0;
    while (size < n) size += /** @type {Buffer} */ (this.#chunks[count++]).length;
    const joined = Buffer.concat(this.#chunks.slice(0, count), size);
    this.#chunks.splice(0, count, joined);
    return joined;
  }
}

/**
 * A backend or frontend message: type byte, int32 length (counting itself), body.
 * @param {string} type one character
 * @param {Buffer | string} [body]
 */
export function message(type, body = '') {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const out = Buffer.alloc(5 + bytes.length);
  out[0] = type.charCodeAt(0);
  out.writeInt32BE(4 + bytes.length, 1);
  bytes.copy(out, 5);
  return out;
}

/**
 * The ErrorResponse Postgres sends before it drops a connection for a protocol violation.
 * @param {string} text
 */
export function errorResponse(text) {
  return message('E', `SFATAL\0VFATAL\0C08P01\0M${text}\0\0`);
}

/**
 * The status in the ReadyForQuery a reply ends with ('I' idle, 'T' in a transaction, 'E' failed one),
 * or undefined when it does not end with one.
 * @param {Buffer} reply
 */
export function readyStatus(reply) {
  const at = reply.length - 6;
  if (at < 0 || reply[at] !== 0x5a || reply.readInt32BE(at + 1) !== 5) return undefined;
  return String.fromCharCode(/** @type {number} */ (reply[at + 5]));
}

/**
 * The messages of one type in a reply (walking the headers only).
 * @param {Buffer} reply @param {number} type
 */
export function findMessages(reply, type) {
  const found = [];
  for (let at = 0; at + 5 <= reply.length; ) {
    const length = reply.readInt32BE(at + 1);
    if (length < 4) break; // never from Postgres; never loop on it either
    if (reply[at] === type) found.push(reply.subarray(at, at + 1 + length));
    at += 1 + length;
  }
  return found;
}

/**
 * The NUL-terminated string at `offset` of a message, or undefined if it is not terminated.
 * @param {Buffer} frame
 * @param {number} offset
 */
export function cString(frame, offset) {
  const end = frame.indexOf(0, offset);
  return end < 0 ? undefined : frame.toString('utf8', offset, end);
}
