import { type ActionKind, type ActionView, customerUpdateFieldPayload } from '../../../shared/api/actions.ts';
import { lifecycleStages, segments } from '../../../shared/enums.ts';
import { labelOf } from '../customer/account-format.ts';
import { fieldWords } from './action-format.ts';
import { instantOf, wallTimeOf } from './wall-time.ts';

/** One input of the form, and how the payload's value reads in it and back. */
export interface EditField {
  key: string;
  label: string;
  /**
   * How the form holds it: `list` comma-separated (a list in the payload), `moment` an event time's
   * wall clock in the user's zone (`{ dateTime, timeZone }` in the payload), `instant` the same for an
   * ISO instant, `date` a day, `choice` one of `options`.
   */
  input?: 'multiline' | 'list' | 'moment' | 'instant' | 'date' | 'choice';
  options?: readonly { value: string; label: string }[];
  /** What an emptied input means: the key left out of the payload, or set to null. */
  whenEmpty?: 'omit' | 'null';
  /** Another wall-time input this one carries along: moved, it moves that one as far (an event's end). */
  carries?: string;
}

/** Whom a customer can be given to, and the zone an event's times are typed in. */
export interface EditContext {
  timeZone: string;
  members: readonly { id: string; name: string }[];
  nameOf(userId: string): string;
}

const choicesOf = (values: readonly string[]) => values.map((value) => ({ value, label: labelOf(value) }));

const fixedFields: Record<Exclude<ActionKind, 'customer.update_field'>, EditField[]> = {
  'email.send': [
    { key: 'to', label: 'To', input: 'list' },
    { key: 'cc', label: 'Cc', input: 'list' },
    { key: 'subject', label: 'Subject' },
    { key: 'body', label: 'Body', input: 'multiline' },
    // Emptied, it goes once approved.
    { key: 'sendAt', label: 'Send at', input: 'instant', whenEmpty: 'omit' },
  ],
  'slack.post': [{ key: 'text', label: 'Message', input: 'multiline' }],
  'calendar.create_event': [
    { key: 'summary', label: 'Title' },
    // As Calendar does: a start moved keeps the event as long.
    { key: 'start', label: 'Starts', input: 'moment', carries: 'end' },
    { key: 'end', label: 'Ends', input: 'moment' },
    { key: 'attendees', label: 'Attendees', input: 'list' },
    { key: 'description', label: 'Description', input: 'multiline', whenEmpty: 'omit' },
  ],
  'task.create': [
    { key: 'title', label: 'Task' },
    { key: 'dueDate', label: 'Due', input: 'date', whenEmpty: 'omit' },
  ],
};

/**
 * The members to pick from, with `proposed` among them even before the members have arrived (or
 * once they have left), after a first choice of nobody.
 */
function memberChoices(context: EditContext, proposed: unknown, nobody: string): EditField['options'] {
  const members = context.members.map((m) => ({ value: m.id, label: m.name }));
  if (typeof proposed === 'string' && proposed !== '' && !members.some((m) => m.value === proposed))
    members.unshift({ value: proposed, label: context.nameOf(proposed) });
  return [{ value: '', label: nobody }, ...members];
}

/**
 * The action's inputs: a task's assignee is picked among the members, a field change's one value with
 * the control its field needs.
 */
export function editFieldsOf(action: ActionView, context: EditContext): EditField[] {
  if (action.kind === 'task.create') {
    const options = memberChoices(context, action.payload.assigneeId, 'Nobody');
    return [
      ...fixedFields['task.create'],
      { key: 'assigneeId', label: 'Assignee', input: 'choice', options, whenEmpty: 'omit' },
    ];
  }
  if (action.kind !== 'customer.update_field') return fixedFields[action.kind];
  const change = customerUpdateFieldPayload.safeParse(action.payload);
  // A payload the schema no longer reads has nothing to fill in: approved as edited, the server says why.
  if (!change.success) return [];
  const label = fieldWords[change.data.field];
  switch (change.data.field) {
    case 'stage':
      return [{ key: 'value', label, input: 'choice', options: choicesOf(lifecycleStages) }];
    case 'segment':
      return [{ key: 'value', label, input: 'choice', options: choicesOf(segments) }];
    case 'renewalDate':
      return [{ key: 'value', label, input: 'date', whenEmpty: 'null' }];
    case 'ownerId': {
      const options = memberChoices(context, change.data.value, 'No owner');
      return [{ key: 'value', label, input: 'choice', options, whenEmpty: 'null' }];
    }
  }
}

/** Typed as a wall-clock time in the user's own zone. */
export const isWallTime = (field: EditField) => field.input === 'moment' || field.input === 'instant';

type EventTime = { dateTime: string; timeZone: string };
const isEventTime = (value: unknown): value is EventTime =>
  typeof value === 'object' && value !== null && typeof (value as EventTime).dateTime === 'string';

const asList = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);

/** A payload's value as its input holds it. */
export function asText(field: EditField, value: unknown, timeZone: string): string {
  if (field.input === 'moment') return isEventTime(value) ? wallTimeOf(value.dateTime, timeZone) : '';
  if (field.input === 'instant') return typeof value === 'string' ? wallTimeOf(value, timeZone) : '';
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

/**
 * An input's text as the payload takes it (an event time keeps its own zone), `omitted` for an
 * emptied input whose key goes, or what is wrong with it.
 */
export function asValue(
  field: EditField,
  text: string,
  proposed: unknown,
  timeZone: string,
): { value: unknown } | { omitted: true } | { problem: string } {
  if (field.whenEmpty && text.trim() === '')
    return field.whenEmpty === 'omit' ? { omitted: true } : { value: null };
  if (field.input === 'list') return { value: asList(text) };
  if (!isWallTime(field)) return { value: text };
  const dateTime = instantOf(text, timeZone);
  if (dateTime === null) return { problem: `${field.label}: enter a date and a time` };
  if (field.input === 'instant') return { value: dateTime };
  return { value: { ...(isEventTime(proposed) ? proposed : { timeZone }), dateTime } };
}

/**
 * The form's values once `field` is typed `next`: what it carries moves as far (while either is not a
 * whole date and time, that stays as it is).
 */
export function valuesAfter(
  values: Readonly<Record<string, string>>,
  field: EditField,
  next: string,
  timeZone: string,
): Record<string, string> {
  const changed = { ...values, [field.key]: next };
  if (!field.carries) return changed;
  const [from, to, carried] = [values[field.key], next, values[field.carries]].map((wall) =>
    instantOf(wall ?? '', timeZone),
  );
  if (!from || !to || !carried) return changed;
  const moved = new Date(Date.parse(carried) + Date.parse(to) - Date.parse(from)).toISOString();
  return { ...changed, [field.carries]: wallTimeOf(moved, timeZone) };
}
