import { type FormEvent, useId, useState } from 'react';
import { type ActionRequest, type ActionView, actionRequest } from '../../../shared/api/actions.ts';
import {
  asText,
  asValue,
  type EditContext,
  type EditField,
  editFieldsOf,
  isWallTime,
  valuesAfter,
} from './action-edit-fields.ts';

interface ActionEditFormProps {
  action: ActionView;
  /** The user's own zone (an event's times are shown and typed in it) and the org's members. */
  context: EditContext;
  pending: boolean;
  onSave(request: ActionRequest, note: string): void;
  onCancel(): void;
}

const inputTypeOf = (field: EditField) =>
  isWallTime(field) ? 'datetime-local' : field.input === 'date' ? 'date' : 'text';

/**
 * The action, changed before it is approved. Everything not in the form (a reply's thread, an
 * event's Meet link and its own time zone) is kept as proposed; the server stores both versions and
 * checks the edited one.
 */
export function ActionEditForm({ action, context, pending, onSave, onCancel }: ActionEditFormProps) {
  const formId = useId();
  const { timeZone } = context;
  // Worked out on each render: the members a field change offers may arrive after the form opens.
  const fields = editFieldsOf(action, context);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      fields.map((field) => [field.key, asText(field, action.payload[field.key], timeZone)]),
    ),
  );
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const change = (field: EditField, next: string) =>
    setValues((current) => valuesAfter(current, field, next, timeZone));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const payload: Record<string, unknown> = { ...action.payload };
    for (const field of fields) {
      const read = asValue(field, values[field.key] ?? '', action.payload[field.key], timeZone);
      if ('problem' in read) {
        setProblem(read.problem);
        return;
      }
      if ('omitted' in read) delete payload[field.key];
      else payload[field.key] = read.value;
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
      {fields.map((field) => (
        <FieldInput
          key={field.key}
          id={`${formId}-${field.key}`}
          field={field}
          timeZone={timeZone}
          value={values[field.key] ?? ''}
          onChange={(next) => change(field, next)}
        />
      ))}
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

interface FieldInputProps {
  id: string;
  field: EditField;
  timeZone: string;
  value: string;
  onChange(next: string): void;
}

function FieldInput({ id, field, timeZone, value, onChange }: FieldInputProps) {
  const label = isWallTime(field) ? `${field.label} (${timeZone})` : field.label;
  const changed = (e: { target: { value: string } }) => onChange(e.target.value);
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {field.input === 'multiline' ? (
        <textarea id={id} rows={8} value={value} onChange={changed} />
      ) : field.input === 'choice' ? (
        <select id={id} value={value} onChange={changed}>
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} type={inputTypeOf(field)} value={value} onChange={changed} />
      )}
    </div>
  );
}
