import type { z } from 'zod';
import type { CallSource, importTranscriptInput } from '../../../shared/api/call-records.ts';
import type { StreamingDeps } from '../../deps.ts';
import { conferenceKey } from '../conference-id.ts';
import { parseTranscript } from '../transcripts/parse-transcript.ts';
import { dayOf } from './same-day-title.ts';
import { type StoredCall, storeCall } from './store-call.ts';

export type ImportTranscriptRequest = Omit<z.output<typeof importTranscriptInput>, 'source'> & {
  source: CallSource;
};

/**
 * A pasted or uploaded transcript (and the CLI's file): parsed before anything is opened, then
 * stored as the call of the meeting it names, or of the customer's meeting with that conference
 * id, or of their one meeting with that title that day, or as a new call on the customer's
 * timeline. The Zoom recording page it was pasted on is remembered with the record.
 */
export function importTranscript(deps: StreamingDeps, input: ImportTranscriptRequest): Promise<StoredCall> {
  const turns = parseTranscript(input.text, input.format);
  const conferenceId = input.conferenceId ? conferenceKey(input.conferenceId) : undefined;
  const target = input.activityId
    ? { activityId: input.activityId }
    : {
        customerId: input.customerId as string,
        ...(conferenceId ? { conferenceId } : {}),
        title: input.title || 'Call',
        occurredAt: input.occurredAt ? new Date(input.occurredAt) : deps.clock.now(),
        timeGiven: input.occurredAt !== undefined,
        ...(input.title && input.occurredAt ? { titleDay: dayOf(input.occurredAt) ?? undefined } : {}),
      };
  return storeCall(deps, {
    turns,
    source: input.source,
    target,
    ...(input.recordingId ? { recordingLinks: [{ token: input.recordingId, kind: 'page' as const }] } : {}),
  });
}
