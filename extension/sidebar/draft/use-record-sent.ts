import { useEffect } from 'react';
import type { ApiClient } from '../../lib/api-client.ts';
import { useServices } from '../services.tsx';

/**
 * Records each message sent from a Gmail compose that held a CSCX draft (`drafts.recordSent`), which
 * teaches the CSM's style profile their edits. The message is already sent: a recording that fails
 * (offline, a viewer's role, a draft since forgotten) is let go, with nothing to show for it.
 */
export function useRecordSentDrafts(api: ApiClient): void {
  const { compose } = useServices();
  useEffect(
    () =>
      compose.onSent((sent) => {
        api.drafts.recordSent.mutate(sent).catch((error: unknown) => {
          console.warn('CSCX could not learn from the sent draft', error);
        });
      }),
    [compose, api],
  );
}
