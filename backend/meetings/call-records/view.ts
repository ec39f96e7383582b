import type { CallRecordView } from '../../../shared/api/call-records.ts';
import type { CallRecordRow } from '../schema.ts';

/** What the sidebar shows: the model's analysis with each section the CSM edited laid over it. */
export function callRecordViewOf(
  row: CallRecordRow,
  extra: { customerName: string; title: string },
): CallRecordView {
  const { edits } = row;
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: extra.customerName,
    activityId: row.activityId,
    title: extra.title,
    meetingAt: row.meetingAt.toISOString(),
    source: row.source,
    conferenceId: row.conferenceId,
    zoomMeetingUuid: row.zoomMeetingUuid,
    turns: row.turns,
    analysis: {
      ...row.analysis,
      summary: edits.summary ?? row.analysis.summary,
      decisions: edits.decisions ?? row.analysis.decisions,
      actionItems: edits.actionItems ?? row.analysis.actionItems,
    },
    edited: {
      summary: edits.summary !== undefined,
      decisions: edits.decisions !== undefined,
      actionItems: edits.actionItems !== undefined,
    },
    speakers: row.speakers,
    provider: row.provider,
    model: row.model,
    analysedAt: row.analysedAt.toISOString(),
  };
}
