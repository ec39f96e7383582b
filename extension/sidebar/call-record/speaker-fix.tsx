import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallRecordView, SpeakerMapping } from '../../../shared/api/call-records.ts';
import type { ZoomMeetingContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { errorMessage } from '../connection/api-error.ts';
import { callRecordKey } from './call-record-query.ts';

interface SpeakerFixProps {
  api: ApiClient;
  context: ZoomMeetingContext;
  record: CallRecordView;
  mapping: SpeakerMapping;
}

/**
 * Who a speaker is, among the customer's contacts: a fix here is remembered for the org, so the
 * next call with a speaker of that name is mapped the same way.
 */
export function SpeakerFix({ api, context, record, mapping }: SpeakerFixProps) {
  const queryClient = useQueryClient();
  const customer = useQuery({
    queryKey: ['customers.get', record.customerId],
    queryFn: () => api.customers.get.query({ id: record.customerId }),
  });
  const fix = useMutation({
    mutationFn: (contactId: string | null) =>
      api.meetings.mapSpeaker.mutate({ id: record.id, speaker: mapping.speaker, contactId }),
    onSuccess: (saved) => queryClient.setQueryData(callRecordKey(context), { record: saved }),
  });
  return (
    <>
      <select
        aria-label={`Who is ${mapping.speaker}?`}
        value={mapping.contactId ?? ''}
        disabled={fix.isPending || !customer.data}
        onChange={(event) => fix.mutate(event.target.value || null)}
      >
        <option value="">Not a contact</option>
        {customer.data?.contacts.map((contact) => (
          <option key={contact.id} value={contact.id}>
            {contact.name || contact.email}
          </option>
        ))}
      </select>
      {fix.error && (
        <span role="alert" className="error">
          {errorMessage(fix.error)}
        </span>
      )}
    </>
  );
}
