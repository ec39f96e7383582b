import type { CallRecordView as Record } from '../../../shared/api/call-records.ts';
import type { ZoomMeetingContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ActionItemsList } from './action-items-list.tsx';
import { CallSignals } from './call-signals.tsx';
import { DecisionsList } from './decisions-list.tsx';
import { EditableSummary } from './editable-summary.tsx';
import { FollowUpActions } from './follow-up-actions.tsx';
import { SpeakersPanel } from './speakers-panel.tsx';
import { useEditRecord } from './use-edit-record.ts';

interface CallRecordViewProps {
  api: ApiClient;
  record: Record;
  context: ZoomMeetingContext;
  canEdit: boolean;
}

const sourceLabels = {
  zoom: 'Zoom cloud recording',
  upload: 'uploaded',
  paste: 'pasted',
  cli: 'imported',
} as const;

export function CallRecordView({ api, record, context, canEdit }: CallRecordViewProps) {
  const edit = useEditRecord(api, context, record);
  const { analysis, edited } = record;
  return (
    <div className="stack call-record">
      <header className="call-header">
        <h2>{record.title}</h2>
        <p className="muted">
          {record.customerName} · {new Date(record.meetingAt).toLocaleString()} ·{' '}
          {sourceLabels[record.source]}
        </p>
      </header>
      <EditableSummary summary={analysis.summary} edited={edited.summary} canEdit={canEdit} edit={edit} />
      <DecisionsList decisions={analysis.decisions} edited={edited.decisions} canEdit={canEdit} edit={edit} />
      <ActionItemsList
        items={analysis.actionItems}
        edited={edited.actionItems}
        canEdit={canEdit}
        edit={edit}
      />
      {canEdit && <FollowUpActions api={api} record={record} />}
      <SpeakersPanel api={api} context={context} record={record} canEdit={canEdit} />
      <CallSignals signals={analysis.signals} />
      {analysis.openQuestions.length > 0 && (
        <section className="card stack" aria-label="Open questions">
          <h3>Open questions</h3>
          <ul className="call-list">
            {analysis.openQuestions.map((q) => (
              <li key={q.turn}>{q.text}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
