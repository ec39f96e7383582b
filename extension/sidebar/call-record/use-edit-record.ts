import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallRecordEdits, CallRecordView } from '../../../shared/api/call-records.ts';
import type { ZoomMeetingContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { callRecordKey } from './call-record-query.ts';

/** Saves one section the CSM edited; the answer (the record as now shown) replaces the cached one. */
export function useEditRecord(api: ApiClient, context: ZoomMeetingContext, record: CallRecordView) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (edits: CallRecordEdits) => api.meetings.editCallRecord.mutate({ id: record.id, ...edits }),
    onSuccess: (saved) => queryClient.setQueryData(callRecordKey(context), { record: saved }),
  });
}
