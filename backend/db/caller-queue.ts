/**
 * At most `limit` pieces of work at once per key; the rest wait here, in order. A key's entry lives
 * only while it has work in flight.
 */
export interface CallerQueue {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createCallerQueue(limit: number): CallerQueue {
  const keys = new Map<string, { running: number; waiting: (() => void)[] }>();
  return {
    async run(key, work) {
      let entry = keys.get(key);
      if (!entry) {
        entry = { running: 0, waiting: [] };
        keys.set(key, entry);
      }
      const slot = entry;
      if (slot.running >= limit) await new Promise<void>((resolve) => slot.waiting.push(resolve));
      else slot.running++;
      try {
        return await work();
      } finally {
        const next = slot.waiting.shift();
        if (next) next();
        else if (--slot.running === 0) keys.delete(key);
      }
    },
  };
}
