import { useEffect, useRef, useState } from 'react';
import type { GmailThreadContext, HostContext } from '../../../shared/host-context.ts';
import { useServices } from '../services.tsx';
import type { DraftRequest } from '../tabs/sidebar-tab.ts';

/**
 * The Gmail thread a draft answers: the thread shown, or, while a reply to it is being written (the
 * page then shows the compose, which carries no messages), the thread shown before it.
 */
export function useThreadBehind(context: HostContext | null): GmailThreadContext | null {
  const last = useRef<GmailThreadContext | null>(null);
  if (context?.host === 'gmail' && context.view === 'thread') last.current = context;
  if (context?.host !== 'gmail') return null;
  if (context.view === 'thread') return context;
  const thread = last.current;
  return thread && context.threadId && thread.threadId === context.threadId ? thread : null;
}

/**
 * The latest "Draft with CSCX" the user pressed on the page, numbered so pressing it again counts,
 * to be claimed once by the tab that acts on it.
 */
export function useDraftRequest(): DraftRequest | null {
  const { compose } = useServices();
  const [request, setRequest] = useState<DraftRequest | null>(null);
  useEffect(
    () =>
      compose.onDraftRequest((intent) => {
        let claimed = false;
        const claim = () => {
          if (claimed) return false;
          claimed = true;
          return true;
        };
        setRequest((before) => ({ intent, seq: (before?.seq ?? 0) + 1, claim }));
      }),
    [compose],
  );
  return request;
}
