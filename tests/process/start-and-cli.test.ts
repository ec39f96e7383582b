import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callProcedure,
  createToken,
  isAlive,
  killAllServers,
  listeningTcpPorts,
  listeningUnixSockets,
  makeDataDir,
  removeDataDir,
  resultData,
  runCli,
  type ServerProcess,
  startServe,
  waitForHealth,
} from './support/cscx-process.ts';

const mode = (file: string) => statSync(file).mode & 0o777;

interface Me {
  user: { email: string; role: string };
}

/**
 * One server on an empty data folder, then the things a user does around it, in order: these tests
 * share that server and run one after the other.
 */
describe('cscx serve on an empty data folder', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: ServerProcess;
  let health: Awaited<ReturnType<typeof waitForHealth>>;
  let socketPath: string;
  let lockPath: string;

  beforeAll(async () => {
    dataDir = makeDataDir();
    socketPath = path.join(dataDir, 'run', 'pg.sock');
    lockPath = path.join(dataDir, 'cscx.lock');
    server = await startServe(dataDir);
    health = await waitForHealth(server);
  }, 120_000);
  afterAll(async () => {
    await killAllServers();
    removeDataDir(dataDir);
  });

  it('answers /healthz on the embedded database within 30 s', () => {
    expect(health.body).toEqual({ status: 'ok', db: 'pglite' });
    expect(health.elapsedMs).toBeLessThan(30_000);
  });

  it('prints where the first admin’s credentials are, the email and how to load demo data, never the password', async () => {
    const credentialsPath = path.join(dataDir, 'initial-admin.txt');
    const password = /^password: (\S+)$/m.exec(readFileSync(credentialsPath, 'utf8'))?.[1];
    expect(password).toBeTruthy();
    // The banner is written once the database is ready: wait for its last line.
    await expect.poll(() => server.stdout(), { timeout: 10_000 }).toContain('seed-demo');
    const printed = server.stdout() + server.stderr();
    expect(printed).toContain(credentialsPath);
    expect(printed).toContain('admin@cscx.localhost');
    expect(printed).toContain('cscx seed-demo');
    expect(printed).not.toContain(password);
  });

  it('keeps the credentials file and the database socket private to the owner', () => {
    expect(mode(path.join(dataDir, 'initial-admin.txt'))).toBe(0o600);
    expect(statSync(socketPath).isSocket()).toBe(true);
    expect(mode(socketPath)).toBe(0o600);
    expect(mode(path.dirname(socketPath))).toBe(0o700);
    expect(Number.parseInt(readFileSync(lockPath, 'utf8'), 10)).toBe(server.pid);
  });

  it('listens on TCP only for HTTP: the embedded database is on the Unix socket alone', () => {
    expect(listeningTcpPorts(server.pid)).toEqual([server.port]);
    expect(listeningUnixSockets(server.pid)).toEqual([socketPath]);
  });

  it('refuses a second server on the same folder, naming the process that owns it', async () => {
    const second = await runCli(dataDir, ['serve'], { PORT: '0' });
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`another cscx process (pid ${server.pid}) is using ${dataDir}`);
    expect(isAlive(server.pid)).toBe(true);
    expect(Number.parseInt(readFileSync(lockPath, 'utf8'), 10)).toBe(server.pid);
  });

  it('lets the CLI add a user and create a token through the socket while it runs', async () => {
    const added = await runCli(dataDir, [
      'users',
      'add',
      '--org',
      'My team',
      '--email',
      'casey@team.example',
      '--role',
      'csm',
      '--password',
      'a long enough password',
    ]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('added casey@team.example (csm) to My team');

    const token = await createToken(dataDir, 'admin@cscx.localhost');
    const me = resultData<Me>(await callProcedure(server, 'auth.me', {}, token));
    expect(me.user).toMatchObject({ email: 'admin@cscx.localhost', role: 'admin' });
    // Until the one-time password is changed, every token of the first admin's is held back.
    const held = await callProcedure(server, 'customers.upsert', { name: 'Made with a PAT' }, token);
    expect(held.status).toBe(403);
    const caseysToken = await createToken(dataDir, 'casey@team.example');
    const created = await callProcedure(server, 'customers.upsert', { name: 'Made with a PAT' }, caseysToken);
    expect(created.status).toBe(200);

    const session = resultData<{ token: string }>(
      await callProcedure(server, 'auth.login', {
        email: 'casey@team.example',
        password: 'a long enough password',
      }),
    );
    const casey = resultData<Me>(await callProcedure(server, 'auth.me', {}, session.token));
    expect(casey.user).toMatchObject({ email: 'casey@team.example', role: 'csm' });
  });

  it('removes its lock and socket when stopped with SIGTERM', async () => {
    server.signalGroup('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(lockPath)).toBe(false);
    expect(existsSync(socketPath)).toBe(false);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    expect(isAlive(gone)).toBe(false);
    writeFileSync(lockPath, String(gone), { mode: 0o600 });

    server = await startServe(dataDir);
    const restarted = await waitForHealth(server);
    expect(restarted.body).toEqual({ status: 'ok', db: 'pglite' });
    expect(Number.parseInt(readFileSync(lockPath, 'utf8'), 10)).toBe(server.pid);
    await expect.poll(() => server.stdout(), { timeout: 10_000 }).toContain('seed-demo');
    expect(server.stdout()).not.toContain('first admin');
  });
});
