import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmbeddedPaths } from './embedded.ts';

/** The server keeps a folder while it runs; a command (`cscx users add`, `import`…) for seconds. */
export type LockHolder = 'server' | 'command';

/**
 * Who holds a data folder. A pid alone may name another process once the owner is gone (pids are
 * reused, and restart from 1 after a reboot), so the owner is that pid started at that time in that boot.
 */
export interface LockOwner {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); null off Linux, where the pid alone decides. */
  startTime: string | null;
  /** /proc/sys/kernel/random/boot_id; null off Linux. */
  bootId: string | null;
  holder: LockHolder;
}

export type DataDirLock = { kind: 'acquired'; release(): void } | { kind: 'held'; owner: LockOwner };
export type AcquiredLock = Extract<DataDirLock, { kind: 'acquired' }>;

export interface LockOptions {
  holder: LockHolder;
  /** How long to wait while a command holds the folder; by default `held` is answered at once. */
  waitForCommandMs?: number;
  /** Told once, when the wait for a command begins. */
  onWait?: (owner: LockOwner) => void;
}

type Attempt = { kind: 'acquired' } | { kind: 'held'; owner: LockOwner } | { kind: 'retry' };

const waitStepMs = 100;
/** Taking a stale lock over is a few file operations; a takeover mutex older than this was abandoned. */
const abandonedTakeoverMs = 10_000;

/**
 * One process owns a data folder. The lock file appears whole and only if absent (`link` of a file
 * already written); a lock whose owner is gone is removed only under a takeover mutex (`mkdir`) and only
 * if it is still the record judged stale, so of processes that find the same stale lock one gets it.
 */
export async function lockDataDir(paths: EmbeddedPaths, options: LockOptions): Promise<DataDirLock> {
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  const record = formatOwner(currentProcess(options.holder));
  const deadline = Date.now() + (options.waitForCommandMs ?? 0);
  let waiting = false;
  for (;;) {
    const attempt = tryLock(paths, record);
    if (attempt.kind === 'acquired') {
      return {
        kind: 'acquired',
        release() {
          if (readRecord(paths.lockPath) === record) rmSync(paths.lockPath, { force: true });
        },
      };
    }
    if (attempt.kind === 'held') {
      if (attempt.owner.holder === 'server' || Date.now() >= deadline) return attempt;
      if (!waiting) options.onWait?.(attempt.owner);
      waiting = true;
    }
    // No portable way to be told that another process ended: look again shortly.
    await sleep(attempt.kind === 'held' ? waitStepMs : 5 + Math.random() * 20);
  }
}

function tryLock(paths: EmbeddedPaths, record: string): Attempt {
  if (createLockFile(paths.lockPath, record)) return { kind: 'acquired' };
  const found = readRecord(paths.lockPath);
  if (found === undefined) return { kind: 'retry' };
  const owner = parseOwner(found);
  if (owner && isRunning(owner)) return { kind: 'held', owner };
  const mutex = `${paths.lockPath}.takeover`;
  try {
    mkdirSync(mutex, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    clearAbandoned(mutex);
    return { kind: 'retry' };
  }
  try {
    // Only a mutex holder removes a lock it did not write, so an unchanged record is still the stale one.
    if (readRecord(paths.lockPath) !== found) return { kind: 'retry' };
    rmSync(paths.lockPath, { force: true });
    return createLockFile(paths.lockPath, record) ? { kind: 'acquired' } : { kind: 'retry' };
  } finally {
    rmdirSync(mutex);
  }
}

/** False when the lock file exists: `link` fails then, and readers never see a half-written record. */
function createLockFile(lockPath: string, record: string): boolean {
  const draft = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, record, { mode: 0o600 });
  try {
    linkSync(draft, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * A holder killed inside the takeover leaves its mutex behind. Removing it after 10 s can race only
 * with another process that also found it abandoned in the same instant.
 */
function clearAbandoned(mutex: string): void {
  try {
    if (Date.now() - statSync(mutex).mtimeMs > abandonedTakeoverMs) rmdirSync(mutex);
  } catch {
    // gone already: its holder finished
  }
}

function readRecord(lockPath: string): string | undefined {
  try {
    return readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** `pid start-time boot-id holder`, `-` for what is unknown: the pid comes first for people and older versions. */
function formatOwner(owner: LockOwner): string {
  return `${owner.pid} ${owner.startTime ?? '-'} ${owner.bootId ?? '-'} ${owner.holder}\n`;
}

/** A bare pid (written by cscx before the start time was recorded) is judged by the pid alone. */
function parseOwner(record: string): LockOwner | undefined {
  const [pid, startTime, bootId, holder] = record.trim().split(' ');
  const parsed = Number(pid);
  if (!Number.isInteger(parsed) || parsed <= 0) return undefined;
  const known = (value: string | undefined) => (value && value !== '-' ? value : null);
  return {
    pid: parsed,
    startTime: known(startTime),
    bootId: known(bootId),
    holder: holder === 'command' ? 'command' : 'server',
  };
}

function currentProcess(holder: LockHolder): LockOwner {
  return { pid: process.pid, startTime: startTimeOf(process.pid), bootId: currentBootId(), holder };
}

function isRunning(owner: LockOwner): boolean {
  const bootId = currentBootId();
  if (owner.bootId && bootId && owner.bootId !== bootId) return false;
  if (!pidExists(owner.pid)) return false;
  if (!owner.startTime) return true;
  const started = startTimeOf(owner.pid);
  return started === null || started === owner.startTime;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

let bootIdRead: { value: string | null } | undefined;
function currentBootId(): string | null {
  bootIdRead ??= { value: readOptional('/proc/sys/kernel/random/boot_id') };
  return bootIdRead.value;
}

function readOptional(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}
