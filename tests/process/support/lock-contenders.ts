import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Contender {
  pid: number;
  /** Asks the process to take the lock at that instant (epoch ms); resolves with its answer. */
  tryAt(at: number): Promise<'acquired' | 'held' | 'failed'>;
  /** Lets go of the locks it won, as a command does when it finishes. */
  release(): Promise<void>;
  kill(): void;
}

/** A process running lock-contender.ts on a data folder, ready once its modules are loaded. */
export async function startContender(dataDir: string): Promise<Contender> {
  const script = path.join(root, 'tests/process/support/lock-contender.ts');
  const child = spawn(process.execPath, [path.join(root, 'bin', 'run-ts.js'), script, dataDir], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done) throw new Error('the lock contender exited');
    return line.value;
  };
  if ((await next()) !== 'ready' || child.pid === undefined)
    throw new Error('the lock contender did not start');
  return {
    pid: child.pid,
    async tryAt(at) {
      child.stdin.write(`try ${at}\n`);
      const answer = (await next()).split(' ')[0];
      if (answer !== 'acquired' && answer !== 'held' && answer !== 'failed')
        throw new Error(`unexpected answer: ${answer}`);
      return answer;
    },
    async release() {
      child.stdin.write('release\n');
      if ((await next()) !== 'released') throw new Error('the lock contender did not release');
    },
    kill: () => child.kill('SIGKILL'),
  };
}
