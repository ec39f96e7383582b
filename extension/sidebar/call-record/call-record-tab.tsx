import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ZoomMeetingContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { classifyApiError, errorMessage } from '../connection/api-error.ts';
import { BackendUnreachable } from '../connection/backend-unreachable.tsx';
import { lookupCustomer } from '../customer/lookup-customer.ts';
import { Notice } from '../layout/notice.tsx';
import { PanelSkeleton } from '../layout/skeleton.tsx';
import { callRecordKey, callRecordLookup } from './call-record-query.ts';
import { CallRecordView } from './call-record-view.tsx';
import { TranscriptImport } from './transcript-import.tsx';
import { isSearchableRecordingPage, useZoomRecordingSearch } from './zoom-recording-search.ts';

interface CallRecordTabProps {
  api: ApiClient;
  context: ZoomMeetingContext;
  backendUrl: string;
  canEdit: boolean;
  onUnauthorized: () => void;
}

/**
 * The call record of the meeting the Zoom page shows, matched by its number, its recording page's
 * id or its topic that day; on a recording page none knows yet, looked up in the connected Zoom
 * account and imported; with none still, a box to paste or upload the transcript for the page's
 * customer.
 */
export function CallRecordTab({ api, context, backendUrl, canEdit, onUnauthorized }: CallRecordTabProps) {
  const lookup = callRecordLookup(context);
  const record = useQuery({
    queryKey: callRecordKey(context),
    queryFn: () => api.meetings.callRecord.query(lookup ?? {}),
    enabled: lookup !== null,
  });
  const noRecord = record.data?.record === null;
  const customer = useQuery({
    queryKey: ['customer.lookup', context],
    queryFn: () => lookupCustomer(api, context),
    enabled: noRecord || lookup === null,
  });
  const searchable = isSearchableRecordingPage(context, canEdit);
  const zoomSearch = useZoomRecordingSearch(api, context, {
    customerId: customer.data?.customer?.id,
    enabled: searchable && noRecord && customer.data !== undefined,
  });
  const zoomSearchDone = !searchable || zoomSearch.data !== undefined || zoomSearch.error !== null;
  // Zoom's refusal (a rate limit, a lapsed connection) is said beside the paste box, not instead of it.
  const error = record.error ?? customer.error;
  const failure = error ? classifyApiError(error) : null;
  useEffect(() => {
    if (failure === 'unauthorized') onUnauthorized();
  }, [failure, onUnauthorized]);

  if (failure === 'unreachable')
    return <BackendUnreachable backendUrl={backendUrl} onRetry={() => void record.refetch()} />;
  if (error)
    return (
      <Notice title="Something went wrong" tone="warning">
        <p>{errorMessage(error)}</p>
      </Notice>
    );
  if (lookup && record.data === undefined) return <PanelSkeleton label="Loading the call record" />;
  if (record.data?.record)
    return <CallRecordView api={api} record={record.data.record} context={context} canEdit={canEdit} />;
  if (customer.data === undefined) return <PanelSkeleton label="Finding the customer" />;
  if (!zoomSearchDone) return <PanelSkeleton label="Looking for this recording in Zoom" />;
  const found = customer.data.customer;
  if (!found)
    return (
      <Notice title="No call record yet" tone="calm">
        <p className="muted">
          No customer matches this meeting, so there is nowhere to keep its transcript yet.
        </p>
      </Notice>
    );
  return canEdit ? (
    <>
      {zoomSearch.error && (
        <Notice title="Zoom did not answer" tone="warning">
          <p>{errorMessage(zoomSearch.error)}</p>
        </Notice>
      )}
      {zoomSearch.data?.outcome === 'no_transcript' && (
        <Notice title="No transcript in Zoom yet" tone="calm">
          <p className="muted">
            Zoom has this recording but not its transcript yet. Open this page again once Zoom has made it, or
            paste a transcript below.
          </p>
        </Notice>
      )}
      <TranscriptImport api={api} context={context} customerId={found.id} customerName={found.name} />
    </>
  ) : (
    <Notice title="No call record yet" tone="calm">
      <p className="muted">No transcript of this call for {found.name} yet.</p>
    </Notice>
  );
}
