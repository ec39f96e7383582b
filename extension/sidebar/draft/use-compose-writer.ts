import { useCallback, useState } from 'react';
import type { ComposeInsertOutcome } from '../../lib/host-context-source.ts';
import { useServices } from '../services.tsx';
import type { DraftSink } from './use-draft-stream.ts';

/** How writing into the compose ended: as an insert does, or before a sentence the server flagged. */
export type ComposeWriteOutcome = ComposeInsertOutcome | 'stopped-before-flagged';

/**
 * Writes a draft into Gmail's compose as it streams, each chunk at the cursor, with Gmail showing a
 * Stop under the compose meanwhile. The first chunk the compose does not take ends the writing (the
 * draft goes on in the preview), and so does a flagged sentence, which never goes in: the compose
 * says so, and the sidebar shows it marked. `outcome` says which it was. A finished draft that all
 * went in is named to the compose by its id, so that sending it can teach CSCX the CSM's edits.
 */
export function useComposeWriter() {
  const { compose } = useServices();
  const [outcome, setOutcome] = useState<ComposeWriteOutcome | null>(null);
  const begin = useCallback((): DraftSink => {
    let writing = true;
    let heldBack = false;
    const finish = (how: ComposeWriteOutcome, draftId?: string) => {
      if (!writing) return;
      writing = false;
      compose.setWriting(false, draftId, how === 'stopped-before-flagged');
      setOutcome(how);
    };
    const answers: Promise<void>[] = [];
    compose.setWriting(true);
    setOutcome(null);
    return {
      text: (chunk, flagged) => {
        if (!writing || heldBack || chunk === '') return;
        if (flagged) {
          // Nothing more goes in, from this sentence on; the compose hears why once it took the rest.
          heldBack = true;
          void Promise.all(answers).then(() => finish('stopped-before-flagged'));
          return;
        }
        answers.push(
          compose.insert(chunk).then((taken) => {
            if (taken !== 'inserted') finish(taken);
          }),
        );
      },
      // The compose answers after the stream may have ended: the outcome waits for every answer.
      end: (draftId) => void Promise.all(answers).then(() => finish('inserted', draftId ?? undefined)),
    };
  }, [compose]);
  return { begin, outcome, reset: () => setOutcome(null) };
}
