import './draft.css';
import type { HostContext } from '../../../shared/host-context.ts';
import { NothingOpen } from '../host-context/nothing-open.tsx';
import type { SidebarTab, SidebarTabProps } from '../tabs/sidebar-tab.ts';
import { DraftTab } from './draft-tab.tsx';

export const draftTabId = 'draft';

/**
 * One conversation, one draft: a reply's compose keeps the draft made on its thread (the same
 * thread id), a new message keeps its own while its subject is typed; another thread, event or
 * meeting starts afresh.
 */
function conversationKey(context: HostContext): string {
  if (context.host === 'gmail') return `gmail:${context.threadId ?? 'new message'}`;
  if (context.host === 'calendar') return `calendar:${context.eventId}`;
  return `zoom:${context.meetingId ?? context.recordingId ?? context.topic}`;
}

function DraftPanel({
  api,
  context,
  thread,
  draftRequest,
  host,
  backendUrl,
  onUnauthorized,
}: SidebarTabProps) {
  if (!context) return <NothingOpen host={host} />;
  return (
    <DraftTab
      key={conversationKey(context)}
      api={api}
      context={context}
      thread={thread}
      canInsert={host === 'gmail'}
      request={draftRequest}
      backendUrl={backendUrl}
      onUnauthorized={onUnauthorized}
    />
  );
}

/** Gmail only for now: where a draft can go into a compose. */
export const draftTab: SidebarTab = { id: draftTabId, label: 'Draft', Panel: DraftPanel, hosts: ['gmail'] };
