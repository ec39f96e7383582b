import net from 'node:net';
import { afterAll } from 'vitest';

/**
 * Every test file runs with this guard (a `setupFiles` entry of each vitest project): a TCP
 * connection anywhere but loopback is refused before it leaves the process, and remembered. `fetch`
 * (undici), `http`, `https`, `tls` and the SDKs all end in `net.Socket.prototype.connect`, so
 * patching that one method covers them. Unix sockets and loopback (the fakes, the database, the
 * browser's DevTools endpoint) pass. A file that tried to reach the outside fails in its `afterAll`,
 * so a test cannot pass by quietly falling back after a refused call; the guard's own test takes
 * the attempts it makes on purpose with `takeRefusedConnections`.
 */
export interface RefusedConnection {
  host: string;
  port: number;
}

export const outboundRefusedCode = 'ERR_CSCX_OUTBOUND_REFUSED';

interface GuardState {
  refused: RefusedConnection[];
}

const stateKey = Symbol.for('cscx.tests.outboundGuard');
const globals = globalThis as typeof globalThis & { [stateKey]?: GuardState };

function guardState(): GuardState {
  globals[stateKey] ??= { refused: [] };
  return globals[stateKey];
}

/** The attempts refused since the last call, in order; the list starts again empty. */
export function takeRefusedConnections(): RefusedConnection[] {
  const state = guardState();
  return state.refused.splice(0);
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return net.isIPv4(v4) && v4.startsWith('127.');
}

type ConnectTarget = { kind: 'path' } | { kind: 'tcp'; host: string; port: number };

/** Mirrors how `net` reads `connect`'s arguments: a normalised array, an options object, or (port, host) / (path). */
function connectTarget(args: unknown[]): ConnectTarget {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === 'object') {
    const options = first as { path?: unknown; host?: unknown; port?: unknown };
    if (typeof options.path === 'string') return { kind: 'path' };
    const host = typeof options.host === 'string' && options.host !== '' ? options.host : 'localhost';
    return { kind: 'tcp', host, port: Number(options.port) };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { kind: 'path' };
  const host = typeof args[1] === 'string' && args[1] !== '' ? args[1] : 'localhost';
  return { kind: 'tcp', host, port: Number(first) };
}

const patchedKey = Symbol.for('cscx.tests.outboundGuard.patched');
type PatchableProto = typeof net.Socket.prototype & { [patchedKey]?: true };
const proto = net.Socket.prototype as PatchableProto;

if (!proto[patchedKey]) {
  const connect = proto.connect;
  proto.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const target = connectTarget(args);
    if (target.kind === 'path' || isLoopbackHost(target.host)) {
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    }
    guardState().refused.push({ host: target.host, port: target.port });
    const error = Object.assign(
      new Error(`the test guard refused an outbound connection to ${target.host}:${target.port}`),
      { code: outboundRefusedCode },
    );
    // Like a refused connection: the caller gets the error on the socket, after connect returns.
    process.nextTick(() => this.destroy(error));
    return this;
  } as typeof proto.connect;
  proto[patchedKey] = true;
}

afterAll(() => {
  const refused = takeRefusedConnections();
  if (refused.length > 0) {
    const list = refused.map(({ host, port }) => `${host}:${port}`).join(', ');
    throw new Error(`this file tried ${refused.length} outbound connection(s), all refused: ${list}`);
  }
});
