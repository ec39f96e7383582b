import { useState } from 'react';
import { errorMessage } from '../connection/api-error.ts';
import type { useEditRecord } from './use-edit-record.ts';

interface EditableSummaryProps {
  summary: string;
  edited: boolean;
  canEdit: boolean;
  edit: ReturnType<typeof useEditRecord>;
}

export function EditableSummary({ summary, edited, canEdit, edit }: EditableSummaryProps) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <section className="card stack" aria-label="Summary">
      <h3>Summary {edited && <span className="call-edited">edited</span>}</h3>
      {draft === null ? (
        <p className="call-summary">{summary || 'Nothing to summarise.'}</p>
      ) : (
        <textarea
          aria-label="Edit the summary"
          rows={5}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
      )}
      {canEdit && draft === null && (
        <button type="button" onClick={() => setDraft(summary)}>
          Edit summary
        </button>
      )}
      {draft !== null && (
        <div className="call-row">
          <button
            type="button"
            className="primary"
            disabled={edit.isPending}
            onClick={() => edit.mutate({ summary: draft.trim() }, { onSuccess: () => setDraft(null) })}
          >
            Save summary
          </button>
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </div>
      )}
      {edit.error && (
        <p role="alert" className="error">
          {errorMessage(edit.error)}
        </p>
      )}
    </section>
  );
}
