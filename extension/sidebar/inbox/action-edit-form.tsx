import { type FormEvent, useId, useState } from 'react';
import { type ActionRequest, type ActionView, actionRequest } from '../../../shared/api/actions.ts';

/** The kinds a person can reword before approving; a field change is approved or rejected as it is. */
export type EditableKind = Extract<
  ActionView['kind'],
  'email.send' | 'slack.post' | 'calendar.create_event' | 'task.create'
>;

export function isEditable(action: ActionView): action is ActionView & { kind: EditableKind } {
  return ['email.send', 'slack.post', 'calendar.create_event', 'task.create'].includes(action.kind);
}

interface ActionEditFormProps {
  action: ActionView & { kind: EditableKind };
  pending: boolean;
  onSave(request: ActionRequest, note: string): void;
  onCancel(): void;
}

interface Field {
  key: string;
  label: string;
  multiline?: boolean;
  /** Comma-separated in the form, a list in the payload. */
  list?: boolean;
}

const fieldsOf: Record<EditableKind, Field[]> = {
  'email.send': [
    { key: 'to', label: 'To', list: true },
    { key: 'cc', label: 'Cc', list: true },
    { key: 'subject', label: 'Subject' },
    { key: 'body', label: 'Body', multiline: true },
  ],
  'slack.post': [{ key: 'text', label: 'Message', multiline: true }],
  'calendar.create_event': [
    { key: 'summary', label: 'Title' },
    { key: 'attendees', label: 'Attendees', list: true },
    { key: 'description', label: 'Description', multiline: true },
  ],
  'task.create': [{ key: 'title', label: 'Task' }],
};

const asText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));
const asList = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * The action's words, changed before it is approved. Everything not in the form (a reply's thread,
 * an event's times) is kept as proposed; the server stores both versions and checks the edited one.
 */
export function ActionEditForm({ action, pending, onSave, onCancel }: ActionEditFormProps) {
  const formId = useId();
  const fields = fieldsOf[action.kind];
  const [values, setValues] = useState(() =>
    Object.fromEntries(fields.map((field) => [field.key, asText(action.payload[field.key])])),
  );
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const payload: Record<string, unknown> = { ...action.payload };
    for (const field of fields) {
      const value = values[field.key] ?? '';
      if (field.list) payload[field.key] = asList(value);
      else if (value === '' && field.key === 'description') delete payload[field.key];
      else payload[field.key] = value;
    }
    const checked = actionRequest.safeParse({ kind: action.kind, payload });
    if (!checked.success) {
      setProblem(checked.error.issues.map((i) => `${i.path.slice(1).join('.')}: ${i.message}`).join('; '));
      return;
    }
    setProblem(null);
    onSave(checked.data, note.trim());
  };

  return (
    <form className="action-edit" aria-label="Edit before approving" onSubmit={submit}>
      {fields.map((field) => {
        const id = `${formId}-${field.key}`;
        const value = values[field.key] ?? '';
        const change = (next: string) => setValues((current) => ({ ...current, [field.key]: next }));
        return (
          <div key={field.key}>
            <label htmlFor={id}>{field.label}</label>
            {field.multiline ? (
              <textarea id={id} rows={8} value={value} onChange={(e) => change(e.target.value)} />
            ) : (
              <input id={id} value={value} onChange={(e) => change(e.target.value)} />
            )}
          </div>
        );
      })}
      <label htmlFor={`${formId}-note`}>Note (optional)</label>
      <input id={`${formId}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <div className="action-buttons">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Approving…' : 'Approve as edited'}
        </button>
        <button type="button" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
