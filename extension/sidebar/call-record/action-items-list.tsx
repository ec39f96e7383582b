import { useState } from 'react';
import type { CallRecordView } from '../../../shared/api/call-records.ts';
import type { useEditRecord } from './use-edit-record.ts';

type ActionItem = CallRecordView['analysis']['actionItems'][number];
/** An item being edited keeps the key it got when editing began, so typing does not remount it. */
type Draft = ActionItem & { key: number };

interface ActionItemsListProps {
  items: ActionItem[];
  edited: boolean;
  canEdit: boolean;
  edit: ReturnType<typeof useEditRecord>;
}

export function dueLabel(due: string | null): string {
  if (!due) return 'no due date';
  const day = new Date(`${due.slice(0, 10)}T12:00:00Z`);
  return `due ${day.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })}`;
}

/** A due date picked in the form, at noon UTC, so it stays the same day in any zone. */
function dueOf(day: string, before: string | null): string | null {
  if (!day) return null;
  return before?.startsWith(day) ? before : `${day}T12:00:00Z`;
}

/** Who does what by when; each field editable, and items removable. */
export function ActionItemsList({ items, edited, canEdit, edit }: ActionItemsListProps) {
  const [draft, setDraft] = useState<Draft[] | null>(null);
  const shown: Draft[] = draft ?? items.map((item, key) => ({ ...item, key }));
  const change = (index: number, patch: Partial<ActionItem>) =>
    setDraft(shown.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  return (
    <section className="card stack" aria-label="Action items">
      <h3>Action items {edited && <span className="call-edited">edited</span>}</h3>
      {shown.length === 0 && <p className="muted">No action items heard.</p>}
      <ul className="call-list">
        {shown.map((item, index) => (
          <li key={item.key} className="call-action-item">
            {draft === null ? (
              <>
                <span>{item.text}</span>
                <span className="muted">
                  {item.owner ?? 'nobody yet'} · {dueLabel(item.due)}
                </span>
              </>
            ) : (
              <div className="stack">
                <input
                  aria-label={`Action item ${index + 1}`}
                  value={item.text}
                  onChange={(e) => change(index, { text: e.target.value })}
                />
                <div className="call-row">
                  <input
                    aria-label={`Owner of action item ${index + 1}`}
                    value={item.owner ?? ''}
                    onChange={(e) => change(index, { owner: e.target.value.trim() ? e.target.value : null })}
                  />
                  <input
                    type="date"
                    aria-label={`Due date of action item ${index + 1}`}
                    value={item.due?.slice(0, 10) ?? ''}
                    onChange={(e) => change(index, { due: dueOf(e.target.value, item.due) })}
                  />
                  <button type="button" onClick={() => setDraft(shown.filter((_, i) => i !== index))}>
                    Remove
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      {canEdit && draft === null && items.length > 0 && (
        <button type="button" onClick={() => setDraft(shown)}>
          Edit action items
        </button>
      )}
      {draft !== null && (
        <div className="call-row">
          <button
            type="button"
            className="primary"
            disabled={edit.isPending}
            onClick={() =>
              edit.mutate(
                { actionItems: draft.filter((i) => i.text.trim()) },
                { onSuccess: () => setDraft(null) },
              )
            }
          >
            Save action items
          </button>
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
