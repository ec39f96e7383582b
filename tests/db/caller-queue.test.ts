import { describe, expect, it } from 'vitest';
import { createCallerQueue } from '../../backend/db/caller-queue.ts';

/** Work that finishes when the test says so. */
function held() {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { finish, finished };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('a caller queue', () => {
  it('runs at most its limit of one key’s work at once, the rest in the order it came', async () => {
    const queue = createCallerQueue(2);
    const started: number[] = [];
    const gates = [held(), held(), held(), held()];
    const runs = gates.map((gate, i) =>
      queue.run('alice', async () => {
        started.push(i);
        await gate.finished;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]?.finish();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
  });

  it('does not hold one key’s work behind another’s', async () => {
    const queue = createCallerQueue(1);
    const gate = held();
    const busy = queue.run('alice', () => gate.finished);
    const queued = queue.run('alice', async () => 'alice again');
    expect(await queue.run('bob', async () => 'bob')).toBe('bob');
    gate.finish();
    await busy;
    expect(await queued).toBe('alice again');
  });

  it('frees the slot of work that failed', async () => {
    const queue = createCallerQueue(1);
    await expect(queue.run('alice', async () => Promise.reject(new Error('failed')))).rejects.toThrow(
      'failed',
    );
    expect(await queue.run('alice', async () => 'next')).toBe('next');
  });
});
