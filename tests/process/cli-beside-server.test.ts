import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callProcedure,
  killAllServers,
  killServer,
  makeDataDir,
  removeDataDir,
  resultData,
  runCli,
  type ServerProcess,
  startServe,
  waitForHealth,
} from './support/cscx-process.ts';

const inviteLink = (stdout: string) => /^(\S+)\/app\/#\/accept-invite\?token=(\S+)$/m.exec(stdout);

/**
 * A server on a port of its own (never the default 8787), and the commands a user runs beside it,
 * in order: these tests share that server and run one after the other.
 */
describe('cscx commands beside a running server', { timeout: 120_000 }, () => {
  let dataDir: string;
  let serverFile: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = makeDataDir();
    serverFile = path.join(dataDir, 'server.json');
    server = await startServe(dataDir);
    // Healthy once the database is attached, which is after the first org was made.
    await waitForHealth(server);
  }, 120_000);
  afterAll(async () => {
    await killAllServers();
    removeDataDir(dataDir);
  });

  it('finds the server’s public address and pid in server.json, readable by the owner alone', () => {
    expect(JSON.parse(readFileSync(serverFile, 'utf8'))).toEqual({ url: server.url, pid: server.pid });
    expect(statSync(serverFile).mode & 0o777).toBe(0o600);
  });

  it('adds a user to the only org without --org, with an invitation link to the running server that works', async () => {
    const added = await runCli(dataDir, ['users', 'add', '--email', 'ana@team.example', '--role', 'csm']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('added ana@team.example (csm) to My team');
    const [, address, token] = inviteLink(added.stdout) ?? [];
    expect(address).toBe(server.url);

    const accepted = await callProcedure(server, 'auth.acceptInvite', {
      token: decodeURIComponent(token ?? ''),
      password: 'a long enough password',
    });
    expect(resultData<{ token: string }>(accepted).token).toBeTruthy();
  });

  it('starts a second team with users add --org and a new name, and from then on asks which org', async () => {
    const second = await runCli(dataDir, [
      'users',
      'add',
      '--org',
      'Second team',
      '--email',
      'bo@second.example',
      '--role',
      'admin',
    ]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('added bo@second.example (admin) to Second team');

    const unsure = await runCli(dataDir, ['users', 'add', '--email', 'cy@team.example', '--role', 'viewer']);
    expect(unsure.code).toBe(1);
    expect(unsure.stderr).toMatch(
      /several orgs exist: pass --org with one of the ids: .*My team \(.*Second team \(/,
    );
    expect(unsure.stdout).toBe('');
  });

  it('removes server.json when stopped with SIGTERM', async () => {
    expect(existsSync(serverFile)).toBe(true);
    server.signalGroup('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(serverFile)).toBe(false);
  });

  it('never links to a killed server: the server.json it leaves names a pid that no longer holds the folder', async () => {
    server = await startServe(dataDir);
    await waitForHealth(server);
    expect(JSON.parse(readFileSync(serverFile, 'utf8'))).toEqual({ url: server.url, pid: server.pid });
    await killServer(server);
    expect(existsSync(serverFile)).toBe(true);

    const added = await runCli(
      dataDir,
      ['users', 'add', '--org', 'My team', '--email', 'di@team.example', '--role', 'csm'],
      { CSCX_PUBLIC_URL: 'https://cscx.team.example' },
    );
    expect(added.code).toBe(0);
    expect(inviteLink(added.stdout)?.[1]).toBe('https://cscx.team.example');
  });
});
