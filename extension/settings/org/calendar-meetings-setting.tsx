import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { z } from 'zod';
import type { orgOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';

/**
 * Admins only: whether the Calendar sidebar records the events it shows a customer for on that
 * customer's timeline (with the event's video meeting id, which is how a Zoom page finds it). Saved
 * as soon as it is changed.
 */
export function CalendarMeetingsSetting({ api, org }: { api: ApiClient; org: z.infer<typeof orgOutput> }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [recording, setRecording] = useState(org.recordCalendarMeetings);
  const save = useMutation({
    mutationFn: (next: boolean) => api.org.update.mutate({ recordCalendarMeetings: next }),
    onSuccess: async (saved) => {
      setRecording(saved.recordCalendarMeetings);
      await queryClient.invalidateQueries({ queryKey: ['auth.me'] });
    },
    onError: () => setRecording(org.recordCalendarMeetings),
  });
  return (
    <form aria-label="Calendar meetings" onSubmit={(event) => event.preventDefault()}>
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          // The shared stylesheet sizes inputs to the full width; a checkbox keeps its own.
          style={{ width: 'auto', marginRight: 6 }}
          checked={recording}
          disabled={save.isPending}
          onChange={(event) => {
            setRecording(event.target.checked);
            save.mutate(event.target.checked);
          }}
        />
        Record Calendar events on the customer’s timeline
      </label>
      <p className="muted small">
        When the Calendar sidebar shows an event’s customer, the meeting is added to that customer’s timeline
        once, with its Zoom meeting id, so the Zoom page of that meeting finds the customer too.
      </p>
      {save.isError && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <p role="status" className="small">
          Saved.
        </p>
      )}
    </form>
  );
}
