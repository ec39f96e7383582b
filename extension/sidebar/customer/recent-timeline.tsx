import { formatDate, labelOf } from './account-format.ts';
import type { CustomerContext } from './types.ts';

export function RecentTimeline({ activities }: { activities: CustomerContext['recentActivities'] }) {
  return (
    <section className="card" aria-label="Recent activity">
      <h3>Recent activity</h3>
      {activities.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="timeline">
          {activities.map((a) => (
            <li key={a.id}>
              <span className={`kind kind-${a.kind}`}>{labelOf(a.kind)}</span>
              <span className="subject">{a.subject || a.summary}</span>
              <time className="muted small" dateTime={a.occurredAt}>
                {formatDate(a.occurredAt)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
