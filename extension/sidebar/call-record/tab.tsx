import './call-record.css';
import { Notice } from '../layout/notice.tsx';
import type { SidebarTab, SidebarTabProps } from '../tabs/sidebar-tab.ts';
import { CallRecordTab } from './call-record-tab.tsx';

function CallRecordPanel({ api, context, backendUrl, me, onUnauthorized }: SidebarTabProps) {
  if (context?.host !== 'zoom')
    return (
      <Notice title="No call here" tone="calm">
        <p className="muted">Open a Zoom meeting or recording to see its call record.</p>
      </Notice>
    );
  return (
    <CallRecordTab
      key={JSON.stringify([context.meetingId, context.recordingId])}
      api={api}
      context={context}
      backendUrl={backendUrl}
      canEdit={me.user.role !== 'viewer'}
      onUnauthorized={onUnauthorized}
    />
  );
}

/** Zoom's only: what was said, decided and promised on the call the page shows. */
export const callRecordTab: SidebarTab = {
  id: 'call',
  label: 'Call',
  Panel: CallRecordPanel,
  hosts: ['zoom'],
};
