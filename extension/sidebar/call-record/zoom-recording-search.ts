import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ZoomMeetingContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { callRecordKey, pageStartTime } from './call-record-query.ts';

/** A recording page whose id Zoom's recordings could hold: a play or share page, for a CSM. */
export function isSearchableRecordingPage(context: ZoomMeetingContext, canEdit: boolean): boolean {
  return canEdit && context.page === 'recording' && Boolean(context.recordingId);
}

/**
 * With no record for a recording page, the server looks the page up in the connected Zoom
 * account's recordings and imports its transcript (for the customer the page shows, when no
 * customer's meeting carries its number); a record found becomes the page's call record, so the
 * tab (and edits to it) read it where they read any other. Asked once per page.
 */
export function useZoomRecordingSearch(
  api: ApiClient,
  context: ZoomMeetingContext,
  { customerId, enabled }: { customerId: string | undefined; enabled: boolean },
) {
  const queryClient = useQueryClient();
  const startTime = pageStartTime(context);
  return useQuery({
    queryKey: ['meetings.findZoomRecording', context.recordingId, startTime, customerId],
    queryFn: async () => {
      const found = await api.meetings.findZoomRecording.mutate({
        recordingId: context.recordingId ?? '',
        ...(startTime ? { startTime } : {}),
        ...(customerId ? { customerId } : {}),
      });
      if (found.record) queryClient.setQueryData(callRecordKey(context), { record: found.record });
      return found;
    },
    enabled,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
