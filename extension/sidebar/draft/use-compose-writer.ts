import { useCallback, useState } from 'react';
import type { ComposeInsertOutcome } from '../../lib/host-context-source.ts';
import { useServices } from '../services.tsx';
import type { DraftSink } from './use-draft-stream.ts';

/**
 * Writes a draft into Gmail's compose as it streams, each chunk at the cursor, with Gmail showing a
 * Stop under the compose meanwhile. The first chunk the compose does not take ends the writing (the
 * draft goes on in the preview): `outcome` says which it was. A finished draft that all went in is
 * named to the compose by its id, so that sending it can teach CSCX the CSM's edits.
 */
export function useComposeWriter() {
  const { compose } = useServices();
  const [outcome, setOutcome] = useState<ComposeInsertOutcome | null>(null);
  const begin = useCallback((): DraftSink => {
    let writing = true;
    const finish = (how: ComposeInsertOutcome, draftId?: string) => {
      if (!writing) return;
      writing = false;
      compose.setWriting(false, draftId);
      setOutcome(how);
    };
    const answers: Promise<void>[] = [];
    compose.setWriting(true);
    setOutcome(null);
    return {
      text: (chunk) => {
        if (!writing || chunk === '') return;
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
