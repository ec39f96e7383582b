import { useState } from 'react';
import type { CallRecordView } from '../../../shared/api/call-records.ts';
import type { useEditRecord } from './use-edit-record.ts';

type Decision = CallRecordView['analysis']['decisions'][number];
/** A decision being edited keeps the key it got when editing began, so typing does not remount it. */
type Draft = Decision & { key: number };

interface DecisionsListProps {
  decisions: Decision[];
  edited: boolean;
  canEdit: boolean;
  edit: ReturnType<typeof useEditRecord>;
}

/** What was decided, each editable or removable; the CSM's list then stands over the model's. */
export function DecisionsList({ decisions, edited, canEdit, edit }: DecisionsListProps) {
  const [draft, setDraft] = useState<Draft[] | null>(null);
  const shown: Draft[] = draft ?? decisions.map((d, key) => ({ ...d, key }));
  return (
    <section className="card stack" aria-label="Decisions">
      <h3>Decisions {edited && <span className="call-edited">edited</span>}</h3>
      {shown.length === 0 && <p className="muted">No decisions heard.</p>}
      <ul className="call-list">
        {shown.map((decision, index) => (
          <li key={decision.key}>
            {draft === null ? (
              decision.text
            ) : (
              <div className="call-row">
                <input
                  aria-label={`Decision ${index + 1}`}
                  value={decision.text}
                  onChange={(e) =>
                    setDraft(shown.map((d, i) => (i === index ? { ...d, text: e.target.value } : d)))
                  }
                />
                <button type="button" onClick={() => setDraft(shown.filter((_, i) => i !== index))}>
                  Remove
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {canEdit && draft === null && decisions.length > 0 && (
        <button type="button" onClick={() => setDraft(shown)}>
          Edit decisions
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
                { decisions: draft.filter((d) => d.text.trim()).map(({ key: _key, ...d }) => d) },
                { onSuccess: () => setDraft(null) },
              )
            }
          >
            Save decisions
          </button>
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
