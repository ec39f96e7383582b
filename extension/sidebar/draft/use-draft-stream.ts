import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftEvent, GenerateDraftInput } from '../../../shared/api/drafts.ts';
import type { ApiClient } from '../../lib/api-client.ts';

export type DraftDone = Extract<DraftEvent, { type: 'done' }>;

/** A sentence of the draft the server flagged, where it stands in the text, and why. */
export interface MarkedPassage {
  start: number;
  end: number;
  reason: string;
}

interface Written {
  input: GenerateDraftInput;
  text: string;
  passages: MarkedPassage[];
}

/** One draft call, from its first chunk to how it ended; the text so far is kept however it ends. */
export type DraftRun =
  | { status: 'idle' }
  | ({ status: 'streaming' | 'stopped' } & Written)
  | ({ status: 'done'; done: DraftDone } & Written)
  | ({ status: 'failed'; error: unknown } & Written);

const writtenOf = (run: DraftRun) =>
  run.status === 'idle' ? { text: '', passages: [] } : { text: run.text, passages: run.passages };

/**
 * Where else the chunks go as they come (Gmail's compose), told once the draft ends however it ends:
 * with the draft's id when it was finished (the server records a draft only then), else null.
 */
export interface DraftSink {
  /** A chunk of the draft; `flagged` when it is a sentence the server flagged. */
  text(chunk: string, flagged: boolean): void;
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
      setRun({ status: 'streaming', input, text: '', passages: [] });
      let finished: string | null = null;
      try {
        const events = await api.drafts.generate.mutate(input, { signal: controller.signal });
        for await (const event of events) {
          if (!current()) return;
          if (event.type === 'done') {
            finished = event.draftId;
            setRun((before) => ({ status: 'done', input, ...writtenOf(before), done: event }));
            continue;
          }
          sink?.text(event.text, event.flag !== undefined);
          setRun((before) => (before.status === 'streaming' ? withChunk(before, event) : before));
        }
        if (current())
          setRun((before) =>
            before.status === 'streaming'
              ? {
                  ...before,
                  status: 'failed',
                  error: new Error('the stream ended before the draft did'),
                }
              : before,
          );
      } catch (error) {
        if (!current()) return;
        setRun((before) =>
          controller.signal.aborted
            ? { status: 'stopped', input, ...writtenOf(before) }
            : { status: 'failed', input, ...writtenOf(before), error },
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

/** The text with a chunk added; a flagged chunk is marked where it lands, without its spaces around. */
function withChunk<T extends Written>(run: T, chunk: Extract<DraftEvent, { type: 'text' }>): T {
  const text = run.text + chunk.text;
  if (!chunk.flag) return { ...run, text };
  const lead = chunk.text.length - chunk.text.trimStart().length;
  const start = run.text.length + lead;
  const end = start + chunk.text.trim().length;
  return { ...run, text, passages: [...run.passages, { start, end, reason: chunk.flag.reason }] };
}
