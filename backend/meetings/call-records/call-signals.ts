import type { MeetingAnalysis } from '../../../shared/api/meetings.ts';
import type { SignalEventInput } from '../../../shared/api/signals.ts';

export interface CallSignalSource {
  recordId: string;
  activityId: string;
  customerId: string;
  meetingAt: Date;
  analysis: MeetingAnalysis;
}

/**
 * The call's risk, expansion and competitor findings as health signals: one event per kind (its
 * value the number of findings), and one per competitor named. Each event id is derived from the
 * call record, so storing the same call again, or replaying Zoom's webhook, writes nothing new.
 */
export function callSignalEvents(call: CallSignalSource): SignalEventInput[] {
  const base = {
    customerId: call.customerId,
    observedAt: call.meetingAt.toISOString(),
    period: 'instant' as const,
  };
  const events: SignalEventInput[] = [];
  for (const kind of ['risk', 'expansion'] as const) {
    const count = call.analysis.signals.filter((s) => s.kind === kind).length;
    if (count === 0) continue;
    events.push({
      ...base,
      eventId: `call:${call.recordId}:${kind}`,
      kind: `call.${kind}`,
      value: count,
      detail: { activityId: call.activityId },
    });
  }
  const competitors = new Map<string, number>();
  for (const s of call.analysis.signals) {
    if (s.kind !== 'competitor') continue;
    competitors.set(s.label, (competitors.get(s.label) ?? 0) + 1);
  }
  for (const [competitor, count] of competitors) {
    events.push({
      ...base,
      eventId: `call:${call.recordId}:competitor:${competitor.toLowerCase()}`.slice(0, 200),
      kind: 'call.competitor',
      value: count,
      detail: { activityId: call.activityId, competitor: competitor.slice(0, 200) },
    });
  }
  return events;
}
