import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftEvent, GenerateDraftInput } from '../../../shared/api/drafts.ts';
import type { ApiClient } from '../../lib/api-client.ts';

export type DraftDone = Extract<DraftEvent, { type: 'done' }>;

/** One draft call, from its first chunk to how it ended; the text so far is kept however it ends. */
export type DraftRun =
  | { status: 'idle' }
  | { status: 'streaming' | 'stopped'; input: GenerateDraftInput; text: string }
  | { status: 'done'; input: GenerateDraftInput; text: string; done: DraftDone }
  | { status: 'failed'; input: GenerateDraftInput; text: string; error: unknown };

const textOf = (run: DraftRun) => (run.status === 'idle' ? '' : run.text);

/**
 * Where else the chunks go as they come (Gmail's compose), told once the draft ends however it ends:
 * with the draft's id when it was finished (the server records a draft only then), else null.
 */
export interface DraftSink {
  text(chunk: string): void;
  end(draftId: string | null): void;
}

/**
 * Streams `drafts.generate` into state chunk by chunk. Stopping aborts the call, which closes its
 * request, and the server stops the model; a new draft or leaving the tab stops the one running.
 */
export function useDraftStream(api: ApiClient) {
  const [run, setRun] = useState<DraftRun>({ status: 'idle' });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const start = useCallback(
    async (input: GenerateDraftInput, sink?: DraftSink) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      const current = () => running.current === controller;
      setRun({ status: 'streaming', input, text: '' });
      let finished: string | null = null;
      try {
        const events = await api.drafts.generate.mutate(input, { signal: controller.signal });
        for await (const event of events) {
          if (!current()) return;
          if (event.type === 'done') {
            finished = event.draftId;
            setRun((before) => ({ status: 'done', input, text: textOf(before), done: event }));
            continue;
          }
          sink?.text(event.text);
          setRun((before) =>
            before.status === 'streaming' ? { ...before, text: before.text + event.text } : before,
          );
        }
        if (current())
          setRun((before) =>
            before.status === 'streaming'
              ? {
                  status: 'failed',
                  input,
                  text: before.text,
                  error: new Error('the stream ended before the draft did'),
                }
              : before,
          );
      } catch (error) {
        if (!current()) return;
        setRun((before) =>
          controller.signal.aborted
            ? { status: 'stopped', input, text: textOf(before) }
            : { status: 'failed', input, text: textOf(before), error },
        );
      } finally {
        sink?.end(finished);
        if (current()) running.current = null;
      }
    },
    [api],
  );
  const stop = useCallback(() => running.current?.abort(), []);
  return { run, start, stop };
}
