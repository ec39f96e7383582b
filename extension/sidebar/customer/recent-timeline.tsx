import { useEffect, useRef, useState } from 'react';
import { formatDate, labelOf } from './account-format.ts';
import type { CustomerContext } from './types.ts';

type Activity = CustomerContext['recentActivities'][number];

/** Longer summaries are cut to two lines until the item is expanded. */
const summaryPreviewLength = 80;

/** Routine touches that come in runs; tickets, notes and NPS answers are always shown one by one. */
const groupedKinds: ReadonlySet<Activity['kind']> = new Set(['email', 'meeting', 'call']);
/** A run this long shows its latest item and folds the rest behind one button. */
const groupFrom = 3;

/** An activity another tab opened here (a brief's source), and the ask it came with. */
export interface TimelineFocus {
  activity: Activity;
  seq: number;
}

export function RecentTimeline({
  activities,
  focus = null,
}: {
  activities: CustomerContext['recentActivities'];
  focus?: TimelineFocus | null;
}) {
  // An older entry than the recent ones is shown above them, so the link always lands on it.
  const pinned = focus && !activities.some((a) => a.id === focus.activity.id) ? focus.activity : null;
  const focusedId = focus?.activity.id ?? null;
  return (
    <section className="card" aria-label="Recent activity">
      <h3>Recent activity</h3>
      {pinned && (
        <ol className="timeline pinned" aria-label="Opened from the brief">
          <ActivityItem activity={pinned} focus={focus} />
        </ol>
      )}
      {activities.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="timeline">
          {runsOf(activities).map((run) => (
            <ActivityRun key={run[0]?.id} run={run} focusedId={focusedId} focus={focus} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** Consecutive activities of one routine kind: a thread of emails does not push the note out of sight. */
function ActivityRun({
  run,
  focusedId,
  focus,
}: {
  run: Activity[];
  focusedId: string | null;
  focus: TimelineFocus | null;
}) {
  const [open, setOpen] = useState(false);
  const [first, ...rest] = run;
  if (!first) return null;
  const itemOf = (a: Activity) => (
    <ActivityItem key={a.id} activity={a} focus={a.id === focusedId ? focus : null} />
  );
  if (run.length < groupFrom || open || run.some((a) => a.id === focusedId)) return run.map(itemOf);
  return (
    <>
      {itemOf(first)}
      <li className="activity-group">
        <button type="button" className="link" aria-expanded={false} onClick={() => setOpen(true)}>
          {rest.length} more {labelOf(first.kind).toLowerCase()}s
        </button>
      </li>
    </>
  );
}

function runsOf(activities: Activity[]): Activity[][] {
  const runs: Activity[][] = [];
  for (const a of activities) {
    const last = runs.at(-1);
    if (last?.[0]?.kind === a.kind && groupedKinds.has(a.kind)) last.push(a);
    else runs.push([a]);
  }
  return runs;
}

/**
 * One touch: its kind, subject and date; a ticket's status and priority, an NPS score and its band;
 * then the summary line, so two urgent tickets or a note saying "may not renew" read apart at a glance.
 */
function ActivityItem({ activity: a, focus = null }: { activity: Activity; focus?: TimelineFocus | null }) {
  const [expanded, setExpanded] = useState(false);
  const item = useRef<HTMLLIElement>(null);
  const seq = focus?.seq;
  useEffect(() => {
    if (seq !== undefined) item.current?.scrollIntoView({ block: 'center' });
  }, [seq]);
  const title = a.subject || a.summary;
  const summary = a.subject ? a.summary.trim() : '';
  const long = summary.length > summaryPreviewLength || summary.includes('\n');
  const facts = activityFacts(a);
  return (
    <li
      ref={item}
      className={`activity kind-${a.kind}${focus ? ' focused' : ''}`}
      aria-current={focus ? 'true' : undefined}
      data-activity-id={a.id}
    >
      <span className="kind">{labelOf(a.kind)}</span>
      <span className="subject">{title || labelOf(a.kind)}</span>
      <time className="muted small" dateTime={a.occurredAt}>
        {formatDate(a.occurredAt)}
      </time>
      {facts.length > 0 && (
        <span className="facts-line">
          {facts.map((fact) => (
            <span key={fact.text} className={`chip ${fact.tone}`}>
              {fact.text}
            </span>
          ))}
        </span>
      )}
      {summary && <p className={expanded || !long ? 'summary' : 'summary clamped'}>{summary}</p>}
      {long && (
        <button
          type="button"
          className="link more"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Less' : 'More'}
        </button>
      )}
    </li>
  );
}

interface Fact {
  text: string;
  tone: 'plain' | 'warn' | 'danger' | 'good';
}

function activityFacts(a: Activity): Fact[] {
  const facts: Fact[] = [];
  if (a.ticketStatus) facts.push({ text: labelOf(a.ticketStatus), tone: 'plain' });
  if (a.ticketPriority)
    facts.push({
      text: `${labelOf(a.ticketPriority)} priority`,
      tone: a.ticketPriority === 'urgent' ? 'danger' : a.ticketPriority === 'high' ? 'warn' : 'plain',
    });
  if (a.npsScore !== null) {
    const band = a.npsScore >= 9 ? 'promoter' : a.npsScore >= 7 ? 'passive' : 'detractor';
    const tone = band === 'promoter' ? 'good' : band === 'passive' ? 'plain' : 'danger';
    facts.push({ text: `NPS ${a.npsScore} · ${band}`, tone });
  }
  return facts;
}
