import { formatDate } from './account-format.ts';
import type { CustomerContext } from './types.ts';

interface OpenTasksProps {
  tasks: CustomerContext['openTasks'];
  /** All open tasks; the list holds the first few. */
  total: number;
  /** Today in the browser's zone, YYYY-MM-DD: what is due before it is overdue. */
  today?: string;
  /** A task another tab opened here: highlighted. */
  focusedId?: string | null;
}

/** The customer's open tasks, soonest due first: what, by when, and whose. */
export function OpenTasks({ tasks, total, today = localDate(new Date()), focusedId = null }: OpenTasksProps) {
  return (
    <section className="card" aria-label="Open tasks">
      <h3>
        Open tasks <span className="count">{total}</span>
      </h3>
      {tasks.length === 0 ? (
        <p className="muted">No open tasks.</p>
      ) : (
        <ul className="tasks">
          {tasks.map((task) => {
            const overdue = task.dueDate !== null && task.dueDate < today;
            return (
              <li
                key={task.id}
                className={task.id === focusedId ? 'focused' : undefined}
                aria-current={task.id === focusedId ? 'true' : undefined}
              >
                <span className="task-title">{task.title}</span>
                <span className="muted small">
                  {task.dueDate ? (
                    <time dateTime={task.dueDate} className={overdue ? 'overdue' : undefined}>
                      {overdue ? 'Overdue since' : 'Due'} {formatDate(task.dueDate)}
                    </time>
                  ) : (
                    'No due date'
                  )}
                  {' · '}
                  {task.assignee?.name || task.assignee?.email || 'Unassigned'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {total > tasks.length && (
        <p className="muted small">…and {total - tasks.length} more, due later or undated.</p>
      )}
    </section>
  );
}

function localDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
