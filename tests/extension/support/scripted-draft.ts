import type { DraftEvent } from '../../../shared/api/drafts.ts';
import type { Call, StreamedProcedure } from './fake-backend.ts';

type DoneEvent = Extract<DraftEvent, { type: 'done' }>;

/** A `done` event as the server ends a local draft with, its links checked. */
export function aDoneEvent(overrides: Partial<DoneEvent> = {}): DoneEvent {
  return {
    type: 'done',
    draftId: '00000000-0000-4000-8000-00000000d0d0',
    provider: 'local',
    model: 'cscx-local-1',
    fellBackFrom: null,
    flaggedLinks: [],
    flaggedPassages: [],
    ...overrides,
  };
}

/**
 * A fake `drafts.generate` the test drives: each call waits for the events the test sends it, so a
 * test can look at the sidebar between two chunks. It records each call and whether its stream was
 * cut off (the client aborted) before its last event.
 */
export function scriptedDraft() {
  const calls: Array<Call & { cutOff: boolean }> = [];
  let send: ((events: DraftEvent[]) => void) | null = null;
  const backlog: DraftEvent[] = [];

  const nextEvent = (signal: AbortSignal | undefined) =>
    new Promise<DraftEvent | null>((resolve) => {
      const queued = backlog.shift();
      if (queued) return resolve(queued);
      const take = (events: DraftEvent[]) => {
        send = null;
        const [first, ...rest] = events;
        backlog.push(...rest);
        if (first) resolve(first);
      };
      send = take;
      // A client that went away closes the request: the stream ends without its next event.
      signal?.addEventListener('abort', () => {
        if (send === take) send = null;
        resolve(null);
      });
    });

  const stream: StreamedProcedure = async function* (_input, call) {
    const entry = { ...call, cutOff: true };
    calls.push(entry);
    for (let event = await nextEvent(call.signal); event; event = await nextEvent(call.signal)) {
      yield event;
      if (event.type === 'done') {
        entry.cutOff = false;
        return;
      }
    }
  };

  return {
    stream,
    calls,
    /** The events the running call answers next (queued until a call is waiting). */
    emit(...events: DraftEvent[]) {
      if (send) send(events);
      else backlog.push(...events);
    },
    /** The whole draft at once, as the chunks given, then `done`. */
    answer(chunks: string[], done: Partial<DoneEvent> = {}) {
      this.emit(...chunks.map((text) => ({ type: 'text' as const, text })), aDoneEvent(done));
    },
  };
}
