import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { CalendarEventContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { classifyApiError, errorMessage } from '../connection/api-error.ts';
import { BackendUnreachable } from '../connection/backend-unreachable.tsx';
import { Notice } from '../layout/notice.tsx';
import { PanelSkeleton } from '../layout/skeleton.tsx';
import { briefInputOf } from './brief-input.ts';
import { BriefView } from './brief-view.tsx';
import type { OpenTab } from './claim-sources.tsx';

interface BriefTabProps {
  api: ApiClient;
  event: CalendarEventContext;
  backendUrl: string;
  onUnauthorized: () => void;
  openTab: OpenTab | undefined;
}

/** How often an open brief asks whether newer data arrived for its customer (a cheap read). */
const staleCheckMs = 60_000;

/**
 * The event's prep brief: the kept one, or one made now when there is none or it went stale. While
 * it is open, newer data for the customer marks it stale, and the CSM regenerates it.
 */
export function BriefTab({ api, event, backendUrl, onUnauthorized, openTab }: BriefTabProps) {
  const input = useMemo(() => briefInputOf(event), [event]);
  const opened = useQuery({
    queryKey: ['meetings.brief', input, 'fresh'],
    queryFn: () => api.meetings.brief.query({ ...input, mode: 'fresh' }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  const kept = useQuery({
    queryKey: [
      'meetings.brief',
      input,
      'stored',
      opened.data?.kind === 'brief' ? opened.data.generatedAt : null,
    ],
    queryFn: () => api.meetings.brief.query({ ...input, mode: 'stored' }),
    enabled: opened.data?.kind === 'brief',
    // The brief just came: the first check is due in a minute, or when the CSM comes back to the page.
    staleTime: staleCheckMs,
    refetchInterval: staleCheckMs,
    refetchOnWindowFocus: 'always',
    initialData: opened.data,
    initialDataUpdatedAt: opened.dataUpdatedAt,
  });
  const failure = opened.error ? classifyApiError(opened.error) : null;
  useEffect(() => {
    if (failure === 'unauthorized') onUnauthorized();
  }, [failure, onUnauthorized]);

  if (failure === 'unreachable')
    return <BackendUnreachable backendUrl={backendUrl} onRetry={() => void opened.refetch()} />;
  if (opened.error)
    return (
      <Notice title="Something went wrong" tone="warning">
        <p>{errorMessage(opened.error)}</p>
      </Notice>
    );
  if (!opened.data || opened.isRefetching) return <PanelSkeleton label="Preparing the brief" />;
  const output = opened.data;
  if (output.kind === 'internal')
    return (
      <Notice title="Internal meeting" tone="calm">
        <p className="muted">Only people from your team are invited: there is no customer to prepare for.</p>
      </Notice>
    );
  if (output.kind === 'no_customer')
    return (
      <Notice title="No customer on this event" tone="calm">
        <p className="muted">
          No customer matches the guests ({output.unmatchedEmails.join(', ')}). Link them to a customer in the
          Customer tab to get a brief.
        </p>
      </Notice>
    );
  const stale = kept.data?.kind === 'brief' && kept.data.stale;
  return (
    <div className="stack brief">
      <p className="muted small">
        {output.brief.customer.name} · prepared{' '}
        <time dateTime={output.generatedAt}>{new Date(output.generatedAt).toLocaleString()}</time>
      </p>
      {stale && (
        <section className="notice warning brief-stale" aria-label="Brief is stale">
          <span>Stale — newer activity arrived for {output.brief.customer.name}.</span>
          <button type="button" className="primary" onClick={() => void opened.refetch()}>
            Regenerate
          </button>
        </section>
      )}
      <BriefView brief={output.brief} openTab={openTab} />
    </div>
  );
}
