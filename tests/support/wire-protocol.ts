import net from 'node:net';

/** Just enough of the Postgres frontend protocol to speak raw bytes to the embedded database's socket. */

export function frame(type: string, body: Buffer | string = ''): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const out = Buffer.alloc(5 + bytes.length);
  out[0] = type.charCodeAt(0);
  out.writeInt32BE(4 + bytes.length, 1);
  bytes.copy(out, 5);
  return out;
}

function packet(code: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const out = Buffer.alloc(8 + body.length);
  out.writeInt32BE(8 + body.length, 0);
  out.writeInt32BE(code, 4);
  body.copy(out, 8);
  return out;
}

export const startup = (params: Record<string, string> = { user: 'postgres', database: 'postgres' }) =>
  packet(196608, Buffer.from(`${Object.entries(params).flat().join('\0')}\0\0`));
export const sslRequest = () => packet(80877103);
export const cancelRequest = (pid = 0, key = 0) => {
  const body = Buffer.alloc(8);
  body.writeInt32BE(pid, 0);
  body.writeInt32BE(key, 4);
  return packet(80877102, body);
};

export const query = (text: string) => frame('Q', `${text}\0`);
export const parse = (name: string, text: string) => frame('P', Buffer.from(`${name}\0${text}\0\0\0`));
/** Bind with text parameters and text results. */
export function bind(statement: string, params: string[] = [], portal = ''): Buffer {
  const parts = [Buffer.from(`${portal}\0${statement}\0`), int16(0), int16(params.length)];
  for (const p of params) {
    const value = Buffer.from(p);
    const length = Buffer.alloc(4);
    length.writeInt32BE(value.length);
    parts.push(length, value);
  }
  parts.push(int16(0));
  return frame('B', Buffer.concat(parts));
}
export const describe = (kind: 'S' | 'P', name = '') => frame('D', `${kind}${name}\0`);
export const execute = (portal = '') =>
  frame('E', Buffer.concat([Buffer.from(`${portal}\0`), Buffer.alloc(4)]));
export const close = (kind: 'S' | 'P', name: string) => frame('C', `${kind}${name}\0`);
export const flush = () => frame('H');
export const sync = () => frame('S');
export const terminate = () => frame('X');
export const copyData = (data: string) => frame('d', data);
export const copyDone = () => frame('c');

function int16(n: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeInt16BE(n);
  return out;
}

export interface BackendMessage {
  type: string;
  body: Buffer;
}

/** The M (message) field of an ErrorResponse. */
export function errorText(message: BackendMessage): string {
  const field = message.body
    .toString()
    .split('\0')
    .find((f) => f.startsWith('M'));
  return field?.slice(1) ?? '';
}

/** The first column of each DataRow, as text. */
export function firstColumns(messages: BackendMessage[]): (string | null)[] {
  return messages
    .filter((m) => m.type === 'D')
    .map((m) => {
      const length = m.body.readInt32BE(2);
      return length < 0 ? null : m.body.subarray(6, 6 + length).toString();
    });
}

/** A raw connection: writes bytes, reads backend messages (or raw bytes) with a deadline. */
export class WireClient {
  #buffer = Buffer.alloc(0);
  #waiters: (() => void)[] = [];
  ended = false;
  readonly closed: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.ended = true;
        this.#wake();
        resolve();
      });
    });
    socket.on('error', () => {});
  }

  static connect(socketPath: string): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection(socketPath, () => resolve(new WireClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Connects and completes the startup (authentication, parameters, ReadyForQuery). */
  static async session(socketPath: string): Promise<WireClient> {
    const client = await WireClient.connect(socketPath);
    client.write(startup());
    await client.untilReady();
    return client;
  }

  write(...buffers: Buffer[]): void {
    this.socket.write(Buffer.concat(buffers));
  }

  /** Writes the bytes one per write, each after the previous one left. */
  async writeBytewise(...buffers: Buffer[]): Promise<void> {
    const bytes = Buffer.concat(buffers);
    for (let i = 0; i < bytes.length; i++) {
      await new Promise<void>((resolve, reject) =>
        this.socket.write(bytes.subarray(i, i + 1), (error) => (error ? reject(error) : resolve())),
      );
    }
  }

  async bytes(n: number, timeout = 5_000): Promise<Buffer> {
    await this.#until(() => this.#buffer.length >= n, timeout, `${n} bytes`);
    const out = this.#buffer.subarray(0, n);
    this.#buffer = this.#buffer.subarray(n);
    return out;
  }

  async next(timeout = 5_000): Promise<BackendMessage> {
    const complete = () => this.#buffer.length >= 5 && this.#buffer.length >= 1 + this.#buffer.readInt32BE(1);
    await this.#until(complete, timeout, 'a message');
    const length = 1 + this.#buffer.readInt32BE(1);
    const message = {
      type: String.fromCharCode(this.#buffer[0] ?? 0),
      body: this.#buffer.subarray(5, length),
    };
    this.#buffer = this.#buffer.subarray(length);
    return message;
  }

  /** Messages up to and including the next ReadyForQuery. */
  async untilReady(timeout = 5_000): Promise<BackendMessage[]> {
    const messages: BackendMessage[] = [];
    for (;;) {
      const message = await this.next(timeout);
      messages.push(message);
      if (message.type === 'Z') return messages;
    }
  }

  /** Resolves once nothing more arrives for `ms` (to check that the server stays silent). */
  async silence(ms: number): Promise<Buffer> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.#buffer;
  }

  end(): void {
    this.socket.end();
  }

  async #until(ready: () => boolean, timeout: number, what: string): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!ready()) {
      if (this.ended) throw new Error(`connection closed while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
