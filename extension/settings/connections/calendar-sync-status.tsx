import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarSyncStatus } from '../../../shared/api/calendar-sync.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';

const calendarSyncKey = ['calendarSync.status'] as const;

/**
 * The member's own Calendar sync under their Google connection: when it last ran and what it found,
 * its error when the last run failed, and Sync now (Retry after an error). Polls while a run waits.
 */
export function CalendarSyncLine({ api }: { api: ApiClient }) {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: calendarSyncKey,
    queryFn: () => api.calendarSync.status.query(),
    refetchInterval: (query) => (query.state.data?.pending ? 3000 : false),
  });
  const syncNow = useMutation({
    mutationFn: () => api.calendarSync.syncNow.mutate(),
    onSuccess: (next) => queryClient.setQueryData(calendarSyncKey, next),
  });
  const data = status.data;
  if (!data?.connected) return null;
  const failing =
    data.lastErrorAt !== null && (data.lastSyncedAt === null || data.lastErrorAt > data.lastSyncedAt);
  return (
    <span className="calendar-sync small">
      <span className={failing ? 'error' : 'muted'} aria-live="polite">
        {describe(data, failing)}
      </span>{' '}
      <button
        type="button"
        className="link"
        disabled={data.pending || syncNow.isPending}
        onClick={() => syncNow.mutate()}
      >
        {data.pending || syncNow.isPending ? 'Syncing…' : failing ? 'Retry' : 'Sync now'}
      </button>
      {syncNow.isError && <ErrorAlert error={syncNow.error} />}
    </span>
  );
}

function describe(status: CalendarSyncStatus, failing: boolean): string {
  if (failing && status.lastErrorAt)
    return `Calendar sync failed ${time(status.lastErrorAt)}: ${status.lastError}`;
  if (!status.lastSyncedAt) return 'Calendar not synced yet';
  const meetings =
    status.lastRecorded === 1 ? '1 customer meeting' : `${status.lastRecorded} customer meetings`;
  return `Calendar synced ${time(status.lastSyncedAt)} · ${meetings} recorded or updated`;
}

function time(iso: string): string {
  return new Date(iso).toLocaleString();
}
