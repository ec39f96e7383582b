import type { z } from 'zod';
import type { findZoomRecordingInput, findZoomRecordingOutput } from '../../../shared/api/call-records.ts';
import type { StreamingDeps } from '../../deps.ts';
import { DomainError } from '../../domain-error.ts';
import { findConnection } from '../../integrations/connections/queries.ts';
import { withConnection } from '../../integrations/connections/with-connection.ts';
import {
  ZoomApiError,
  type ZoomClient,
  type ZoomMeetingRecordings,
} from '../../integrations/connections/zoom.ts';
import { RetryLater } from '../../jobs/retry-later.ts';
import { dayOf } from '../call-records/same-day-title.ts';
import { importZoomRecording } from './import-zoom-recording.ts';
import { showsRecording } from './zoom-links.ts';

type FindZoomRecordingOutput = z.infer<typeof findZoomRecordingOutput>;

const dayMs = 24 * 60 * 60 * 1000;
/** With no start time on the page, this many months back, one window each (Zoom's longest range). */
const monthsSearched = 3;
/** At 300 a page, 3,000 recordings a window: past that the page is left to a pasted transcript. */
const maxPagesPerWindow = 10;

/**
 * `meetings.findZoomRecording`: a recording page no record knows yet. The page's id is looked for
 * among the connected account's recordings (the days around the page's start time, else the last
 * three months, newest first), with no transaction open; the meeting found is imported as the
 * webhook would, keeping its share and play links, so the page shows its record from then on. When
 * no customer's meeting carries its number, the call is the customer the page shows (`customerId`).
 */
export async function findZoomRecording(
  deps: StreamingDeps,
  input: z.infer<typeof findZoomRecordingInput>,
): Promise<FindZoomRecordingOutput> {
  const connection = await deps.inOrg((tx) =>
    findConnection(tx, { orgId: deps.orgId, provider: 'zoom', userId: null }),
  );
  if (!connection) return { outcome: 'not_connected', record: null };
  const windows = searchWindows(deps.clock.now(), input.startTime);
  const found = await rateLimitsAsDomainErrors(() =>
    withConnection(deps, { orgId: deps.orgId, provider: 'zoom' }, (zoom) =>
      findInRecordings(zoom, input.recordingId, windows),
    ),
  );
  if (!found) return { outcome: 'not_found', record: null };
  try {
    const orCustomer = input.customerId
      ? { customerId: input.customerId, titleDay: dayOf(input.startTime ?? found.start_time) ?? undefined }
      : undefined;
    const stored = await rateLimitsAsDomainErrors(() =>
      importZoomRecording(deps, {
        meeting: found.uuid,
        principal: deps.principal,
        ...(orCustomer ? { orCustomer } : {}),
      }),
    );
    return { outcome: stored.outcome, record: 'record' in stored ? stored.record : null };
  } catch (error) {
    // No customer's meeting is this call, and the page named none (or none of this org's).
    if (error instanceof DomainError && error.code === 'NOT_FOUND')
      return { outcome: 'no_customer', record: null };
    throw error;
  }
}

interface DayWindow {
  from: string;
  to: string;
}

/** The UTC days to list: the page's day with one either side (its offset may cross midnight), or months back. */
export function searchWindows(now: Date, startTime: string | undefined): DayWindow[] {
  const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const day = startTime ? dayOf(startTime) : null;
  if (day) return [{ from: ymd(day.from.getTime() - dayMs), to: ymd(day.to.getTime()) }];
  return Array.from({ length: monthsSearched }, (_, i) => ({
    from: ymd(now.getTime() - (i + 1) * 30 * dayMs),
    to: ymd(now.getTime() - i * 30 * dayMs),
  }));
}

async function findInRecordings(
  zoom: ZoomClient,
  recordingId: string,
  windows: DayWindow[],
): Promise<ZoomMeetingRecordings | undefined> {
  for (const window of windows) {
    let nextPageToken: string | undefined;
    for (let page = 0; page < maxPagesPerWindow; page++) {
      const listed = await zoom.userRecordings({ ...window, ...(nextPageToken ? { nextPageToken } : {}) });
      const found = (listed.meetings ?? []).find((m) => showsRecording(m, recordingId));
      if (found) return found;
      nextPageToken = listed.next_page_token || undefined;
      if (!nextPageToken) break;
    }
  }
  return undefined;
}

/** A request cannot wait out Zoom's rate limit as a job does: it says so, with how long to wait. */
async function rateLimitsAsDomainErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const seconds =
      error instanceof RetryLater
        ? Math.ceil(error.afterMs / 1000)
        : error instanceof ZoomApiError && error.status === 429
          ? (error.retryAfterSeconds ?? 60)
          : undefined;
    if (seconds === undefined) throw error;
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `Zoom is rate limiting this account: try again in ${seconds} s`,
    );
  }
}
