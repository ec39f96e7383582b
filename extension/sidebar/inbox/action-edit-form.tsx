import { type FormEvent, useId, useState } from 'react';
import { type ActionRequest, type ActionView, actionRequest } from '../../../shared/api/actions.ts';
import { instantOf, wallTimeOf } from './wall-time.ts';

/** The kinds a person can change before approving; a field change is approved or rejected as it is. */
export type EditableKind = Extract<
  ActionView['kind'],
  'email.send' | 'slack.post' | 'calendar.create_event' | 'task.create'
>;

export function isEditable(action: ActionView): action is ActionView & { kind: EditableKind } {
  return ['email.send', 'slack.post', 'calendar.create_event', 'task.create'].includes(action.kind);
}

interface ActionEditFormProps {
  action: ActionView & { kind: EditableKind };
  /** The user's own time zone: an event's times are shown and typed in it. */
  timeZone: string;
  pending: boolean;
  onSave(request: ActionRequest, note: string): void;
  onCancel(): void;
}

interface Field {
  key: string;
  label: string;
  /**
   * How the form holds it: `list` comma-separated (a list in the payload), `moment` an event time's
   * wall clock in the user's zone (`{ dateTime, timeZone }` in the payload), `date` a day or nothing.
   */
  input?: 'multiline' | 'list' | 'moment' | 'date';
  /** Left out of the payload when emptied. */
  optional?: boolean;
}

const fieldsOf: Record<EditableKind, Field[]> = {
  'email.send': [
    { key: 'to', label: 'To', input: 'list' },
    { key: 'cc', label: 'Cc', input: 'list' },
    { key: 'subject', label: 'Subject' },
    { key: 'body', label: 'Body', input: 'multiline' },
  ],
  'slack.post': [{ key: 'text', label: 'Message', input: 'multiline' }],
  'calendar.create_event': [
    { key: 'summary', label: 'Title' },
    { key: 'start', label: 'Starts', input: 'moment' },
    { key: 'end', label: 'Ends', input: 'moment' },
    { key: 'attendees', label: 'Attendees', input: 'list' },
    { key: 'description', label: 'Description', input: 'multiline', optional: true },
  ],
  'task.create': [
    { key: 'title', label: 'Task' },
    { key: 'dueDate', label: 'Due', input: 'date', optional: true },
  ],
};

const inputType = (field: Field) =>
  field.input === 'moment' ? 'datetime-local' : field.input === 'date' ? 'date' : 'text';

type EventTime = { dateTime: string; timeZone: string };
const isEventTime = (value: unknown): value is EventTime =>
  typeof value === 'object' && value !== null && typeof (value as EventTime).dateTime === 'string';

const asList = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);

/** A payload's value as its input holds it. */
function asText(field: Field, value: unknown, timeZone: string): string {
  if (field.input === 'moment') return isEventTime(value) ? wallTimeOf(value.dateTime, timeZone) : '';
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

/** An input's text as the payload takes it (an event time keeps its own zone), or what is wrong with it. */
function asValue(
  field: Field,
  text: string,
  proposed: unknown,
  timeZone: string,
): { value: unknown } | { problem: string } {
  if (field.input === 'list') return { value: asList(text) };
  if (field.input !== 'moment') return { value: text };
  const dateTime = instantOf(text, timeZone);
  if (dateTime === null) return { problem: `${field.label}: enter a date and a time` };
  return { value: { ...(isEventTime(proposed) ? proposed : { timeZone }), dateTime } };
}

/**
 * The event's end once its start moves to `to`: as far after it as before, as Calendar moves it
 * (while either is not a whole date and time, the end stays as it is).
 */
function endMovedWithStart(values: Record<string, string>, to: string, timeZone: string): string | undefined {
  const [from, end, next] = [values.start ?? '', values.end ?? '', to].map((wall) =>
    instantOf(wall, timeZone),
  );
  if (!from || !end || !next) return values.end;
  return wallTimeOf(new Date(Date.parse(next) + Date.parse(end) - Date.parse(from)).toISOString(), timeZone);
}

/**
 * The action's words, changed before it is approved. Everything not in the form (a reply's thread,
 * an event's Meet link and its own time zone) is kept as proposed; the server stores both versions and
 * checks the edited one.
 */
export function ActionEditForm({ action, timeZone, pending, onSave, onCancel }: ActionEditFormProps) {
  const formId = useId();
  const fields = fieldsOf[action.kind];
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      fields.map((field) => [field.key, asText(field, action.payload[field.key], timeZone)]),
    ),
  );
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const change = (key: string, next: string) =>
    setValues((current) =>
      action.kind === 'calendar.create_event' && key === 'start'
        ? { ...current, start: next, end: endMovedWithStart(current, next, timeZone) ?? '' }
        : { ...current, [key]: next },
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const payload: Record<string, unknown> = { ...action.payload };
    for (const field of fields) {
      const text = values[field.key] ?? '';
      if (field.optional && text.trim() === '') {
        delete payload[field.key];
        continue;
      }
      const read = asValue(field, text, action.payload[field.key], timeZone);
      if ('problem' in read) {
        setProblem(read.problem);
        return;
      }
      payload[field.key] = read.value;
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
        const onChange = (e: { target: { value: string } }) => change(field.key, e.target.value);
        const label = field.input === 'moment' ? `${field.label} (${timeZone})` : field.label;
        return (
          <div key={field.key}>
            <label htmlFor={id}>{label}</label>
            {field.input === 'multiline' ? (
              <textarea id={id} rows={8} value={value} onChange={onChange} />
            ) : (
              <input id={id} type={inputType(field)} value={value} onChange={onChange} />
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
