import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the product is started exactly as a user starts it, `node bin/cscx.js …`. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cscx = path.join(root, 'bin', 'cscx.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  pid: number;
  port: number;
  url: string;
  dataDir: string;
  /** Everything the process wrote so far, stdout and stderr. */
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
  /** Sends a signal to the whole process group (the server and anything it spawned). */
  signalGroup(signal: NodeJS.Signals): void;
}

const running = new Set<ServerProcess>();

/** A port nobody listens on right now: the OS picks it, we close it and hand it to the server. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export function makeDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'cscx-process-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** `serve` skips its extension build unless a test asks for it: one test proves it, the rest stay fast. */
function childEnv(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CSCX_EXTENSION_BUILD: 'off',
    CSCX_DATA_DIR: dataDir,
    ...extra,
  };
  delete env.DATABASE_URL;
  return env;
}

function collect(child: ChildProcess) {
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { stdout: () => out, stderr: () => err, exited };
}

/**
 * `cscx serve` in a process group of its own, on 127.0.0.1 and a free port. `wrapper` runs it under
 * another command (e.g. `unshare` for a network namespace of its own).
 */
export async function startServe(
  dataDir: string,
  env: Record<string, string> = {},
  wrapper: string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const [command = process.execPath, ...args] = [...wrapper, process.execPath, cscx, 'serve'];
  const child = spawn(command, args, {
    cwd: root,
    env: childEnv(dataDir, { HOST: '127.0.0.1', PORT: String(port), ...env }),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('cscx serve did not start');
  const pid = child.pid;
  const output = collect(child);
  const server: ServerProcess = {
    pid,
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    ...output,
    signalGroup(signal) {
      try {
        process.kill(-pid, signal);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    },
  };
  running.add(server);
  void output.exited.then(() => running.delete(server));
  return server;
}

/** Polls /healthz until it answers 200; fails at once if the server exits first. */
export async function waitForHealth(
  server: ServerProcess,
  timeoutMs = 90_000,
): Promise<{ body: unknown; elapsedMs: number }> {
  const started = Date.now();
  let exited: Exit | undefined;
  void server.exited.then((exit) => {
    exited = exit;
  });
  while (Date.now() - started < timeoutMs) {
    if (exited)
      throw new Error(
        `cscx serve exited (${JSON.stringify(exited)}) before /healthz answered:\n${server.stdout()}\n${server.stderr()}`,
      );
    try {
      const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return { body: await response.json(), elapsedMs: Date.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`/healthz did not answer within ${timeoutMs} ms:\n${server.stdout()}\n${server.stderr()}`);
}

/** Stops a server the hard way and waits until it is gone. */
export async function killServer(server: ServerProcess): Promise<Exit> {
  server.signalGroup('SIGKILL');
  return server.exited;
}

/** Kills every server a test left running (afterEach/afterAll), and on exit of the test worker. */
export async function killAllServers(): Promise<void> {
  await Promise.all([...running].map(killServer));
}
process.once('exit', () => {
  for (const server of running) server.signalGroup('SIGKILL');
});

export interface CliResult extends Exit {
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  pid: number;
  stdout(): string;
  stderr(): string;
  /** The whole output once it exits (killed after the timeout). */
  finished: Promise<CliResult>;
}

/** Starts a `cscx` command against a data folder, for tests that watch it while it runs. */
export function startCli(
  dataDir: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 90_000,
): CliProcess {
  const child = spawn(process.execPath, [cscx, ...args], {
    cwd: root,
    env: childEnv(dataDir, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`cscx ${args.join(' ')} did not start`);
  const output = collect(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const finished = output.exited.then((exit) => {
    clearTimeout(timer);
    return { ...exit, stdout: output.stdout(), stderr: output.stderr() };
  });
  return { pid: child.pid, stdout: output.stdout, stderr: output.stderr, finished };
}

/** Runs a `cscx` command against a data folder and waits for it. */
export async function runCli(
  dataDir: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 90_000,
): Promise<CliResult> {
  return startCli(dataDir, args, env, timeoutMs).finished;
}

/** `cscx tokens create`: the token is the last line of stdout. */
export async function createToken(dataDir: string, email: string): Promise<string> {
  const result = await runCli(dataDir, ['tokens', 'create', '--email', email]);
  if (result.code !== 0) throw new Error(`tokens create failed: ${result.stderr}`);
  const token = result.stdout.trim().split('\n').at(-1) ?? '';
  if (!token.startsWith('cscx_pat_')) throw new Error(`no token in: ${result.stdout}`);
  return token;
}

export interface ProcedureResponse {
  status: number;
  body: unknown;
}

/** A tRPC call as any HTTP client makes it: POST with a JSON body (queries through method override). */
export async function callProcedure(
  server: Pick<ServerProcess, 'url'>,
  procedure: string,
  input: unknown,
  token?: string,
): Promise<ProcedureResponse> {
  const response = await fetch(`${server.url}/trpc/${procedure}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: await response.json() };
}

export function resultData<T>(response: ProcedureResponse): T {
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${JSON.stringify(response.body)}`);
  return (response.body as { result: { data: T } }).result.data;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Socket inodes a process holds open (its worker threads share the same table). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // the descriptor closed while we looked
    }
  }
  return inodes;
}

/** TCP ports the process listens on, IPv4 and IPv6, read from /proc/net/tcp{,6} by socket inode. */
export function listeningTcpPorts(pid: number): number[] {
  const inodes = socketInodes(pid);
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (state !== '0A' || !local || !inode || !inodes.has(inode)) continue;
      ports.add(Number.parseInt(local.split(':').at(-1) ?? '', 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** Paths of the Unix sockets the process listens on, from /proc/net/unix by socket inode. */
export function listeningUnixSockets(pid: number): string[] {
  const inodes = socketInodes(pid);
  const paths: string[] = [];
  for (const line of readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // Num RefCount Protocol Flags Type St Inode Path; flags 00010000 = __SO_ACCEPTCON (listening)
    const [flags, inode, socketPath] = [fields[3], fields[6], fields[7]];
    if (flags === '00010000' && inode && socketPath && inodes.has(inode)) paths.push(socketPath);
  }
  return paths;
}
