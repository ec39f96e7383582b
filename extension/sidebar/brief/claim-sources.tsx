import type { BriefSource, MeetingBrief } from '../../../shared/api/briefs.ts';
import { formatDate, labelOf } from '../customer/account-format.ts';
import { customerTabId } from '../customer/tab.tsx';
import { healthTabId } from '../health/tab.tsx';
import type { SidebarTabProps } from '../tabs/sidebar-tab.ts';

export type OpenTab = NonNullable<SidebarTabProps['openTab']>;

interface SourcesProps {
  sources: BriefSource[];
  brief: MeetingBrief;
  openTab: OpenTab | undefined;
}

/**
 * The rows a claim came from, each a link: a timeline entry or a task opens in the Customer tab,
 * a signal or the health score in the Health tab.
 */
export function ClaimSources({ sources, brief, openTab }: SourcesProps) {
  if (sources.length === 0 || !openTab) return null;
  const customerId = brief.customer.id;
  return (
    <span className="claim-sources">
      {sources.map((source) => {
        const activity =
          source.kind === 'activity' ? brief.activities.find((a) => a.id === source.id) : undefined;
        const open = () => {
          if (activity) openTab({ tabId: customerTabId, customerId, item: { kind: 'activity', activity } });
          else if (source.kind === 'task')
            openTab({ tabId: customerTabId, customerId, item: { kind: 'task', id: source.id } });
          else openTab({ tabId: healthTabId, customerId, item: null });
        };
        const label = activity
          ? `${labelOf(activity.kind)} · ${formatDate(activity.occurredAt)}`
          : sourceLabels[source.kind];
        return (
          <button
            key={`${source.kind}:${source.id}`}
            type="button"
            className="link source"
            data-source-kind={source.kind}
            data-source-id={source.id}
            onClick={open}
          >
            {label}
          </button>
        );
      })}
    </span>
  );
}

const sourceLabels: Record<BriefSource['kind'], string> = {
  activity: 'Timeline',
  signal: 'Signal',
  health: 'Health score',
  task: 'Task',
};
