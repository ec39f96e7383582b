import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  isAlive,
  killAllServers,
  makeDataDir,
  removeDataDir,
  startCli,
  startServe,
  waitForHealth,
} from './support/cscx-process.ts';
import { type Contender, startContender } from './support/lock-contenders.ts';

const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
/** A lock record as cscx writes it: pid, start time (field 22 of /proc/<pid>/stat), boot id, holder. */
const lockRecord = (pid: number, startTime: string, boot: string, holder: 'server' | 'command') =>
  `${pid} ${startTime} ${boot} ${holder}\n`;

const startTimeOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
};
const lockOwnerPid = (lockPath: string) => Number.parseInt(readFileSync(lockPath, 'utf8'), 10);

const dirs: string[] = [];
const contenders: Contender[] = [];
const others: ChildProcess[] = [];
function newDataDir(): string {
  const dir = makeDataDir();
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const contender of contenders.splice(0)) contender.kill();
  for (const child of others.splice(0)) child.kill('SIGKILL');
  await killAllServers();
});
afterAll(() => {
  for (const dir of dirs) removeDataDir(dir);
});

describe('the data folder lock', () => {
  it('is taken by exactly one of eight processes that find a dead owner’s lock at the same instant, 30 trials in a row', async () => {
    const dataDir = newDataDir();
    const lockPath = path.join(dataDir, 'cscx.lock');
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    expect(isAlive(gone)).toBe(false);
    contenders.push(...(await Promise.all(Array.from({ length: 8 }, () => startContender(dataDir)))));

    const acquiredPerTrial: number[] = [];
    for (let trial = 0; trial < 30; trial++) {
      writeFileSync(lockPath, lockRecord(gone, '1', bootId, 'command'), { mode: 0o600 });
      const at = Date.now() + 150;
      const answers = await Promise.all(contenders.map((contender) => contender.tryAt(at)));
      acquiredPerTrial.push(answers.filter((answer) => answer === 'acquired').length);
    }
    const shared = acquiredPerTrial.filter((n) => n > 1).length;
    console.info(
      `lock race: acquired by several processes in ${shared} of 30 trials (${acquiredPerTrial.join(' ')})`,
    );
    expect(acquiredPerTrial).toEqual(Array.from({ length: 30 }, () => 1));
  }, 120_000);

  it('is taken over by a server when the pid it names now belongs to another process', async () => {
    const dataDir = newDataDir();
    const lockPath = path.join(dataDir, 'cscx.lock');
    const unrelated = spawn('sleep', ['120'], { stdio: 'ignore' });
    others.push(unrelated);
    const pid = unrelated.pid!;
    // The server that wrote this lock had the same pid but started earlier: its pid was given again.
    const earlier = String(Number(startTimeOf(pid)) - 100);
    writeFileSync(lockPath, lockRecord(pid, earlier, bootId, 'server'), { mode: 0o600 });

    const server = await startServe(dataDir);
    expect((await waitForHealth(server)).body).toEqual({ status: 'ok', db: 'pglite' });
    expect(lockOwnerPid(lockPath)).toBe(server.pid);
    expect(isAlive(pid)).toBe(true);
  }, 120_000);

  it('is taken over by a server when it was written before a reboot, though its pid runs now', async () => {
    const dataDir = newDataDir();
    const lockPath = path.join(dataDir, 'cscx.lock');
    writeFileSync(lockPath, lockRecord(1, startTimeOf(1), randomUUID(), 'server'), { mode: 0o600 });

    const server = await startServe(dataDir);
    expect((await waitForHealth(server)).body).toEqual({ status: 'ok', db: 'pglite' });
    expect(lockOwnerPid(lockPath)).toBe(server.pid);
  }, 120_000);

  it('makes a server started while a cscx command holds the folder wait for it, then start', async () => {
    const dataDir = newDataDir();
    const lockPath = path.join(dataDir, 'cscx.lock');
    // Long enough for the server to start waiting, short enough to end within its 30 s (a new book is also
    // scored back 90 days).
    const seeding = startCli(dataDir, ['seed-demo', '--org', 'Seeded', '--customers', '300']);
    await expect
      .poll(() => existsSync(lockPath) && readFileSync(lockPath, 'utf8'), { timeout: 30_000, interval: 20 })
      .toMatch(new RegExp(`^${seeding.pid} .* command\\n$`));

    const server = await startServe(dataDir);
    await expect
      .poll(() => server.stdout(), { timeout: 30_000 })
      .toContain(`waiting up to 30 s for the cscx command (pid ${seeding.pid}) using ${dataDir} to finish`);
    const seeded = await seeding.finished;
    expect(seeded.stderr).not.toContain('cscx:');
    expect(seeded.code).toBe(0);
    expect((await waitForHealth(server)).body).toEqual({ status: 'ok', db: 'pglite' });
    expect(lockOwnerPid(lockPath)).toBe(server.pid);
  }, 120_000);

  it('lets a waiting server take the folder when the command holding it is killed', async () => {
    const dataDir = newDataDir();
    const lockPath = path.join(dataDir, 'cscx.lock');
    const command = await startContender(dataDir);
    contenders.push(command);
    expect(await command.tryAt(Date.now())).toBe('acquired');

    const server = await startServe(dataDir);
    await expect.poll(() => server.stdout(), { timeout: 30_000 }).toContain(`(pid ${command.pid})`);
    command.kill();
    expect((await waitForHealth(server)).body).toEqual({ status: 'ok', db: 'pglite' });
    expect(lockOwnerPid(lockPath)).toBe(server.pid);
  }, 120_000);

  it('makes a cscx command wait for another command that holds the folder, then run', async () => {
    const dataDir = newDataDir();
    const command = await startContender(dataDir);
    contenders.push(command);
    expect(await command.tryAt(Date.now())).toBe('acquired');

    const migrating = startCli(dataDir, ['migrate']);
    await expect
      .poll(() => migrating.stderr(), { timeout: 30_000 })
      .toContain(`waiting for another cscx command (pid ${command.pid}) to finish with ${dataDir}`);
    await command.release();
    const migrated = await migrating.finished;
    expect(migrated.stdout).toContain('migrations applied');
    expect(migrated.code).toBe(0);
    expect(existsSync(path.join(dataDir, 'cscx.lock'))).toBe(false);
  }, 120_000);
});
