import {
  type ActionView,
  calendarCreateEventPayload,
  customerUpdateFieldPayload,
  emailSendPayload,
  slackPostPayload,
  taskCreatePayload,
} from '../../../shared/api/actions.ts';
import { fieldValueWords, fieldWords, momentIn, spanIn } from './action-format.ts';

export interface PreviewPeople {
  /** The address an email goes out from: its user's own mailbox. */
  emailOf(userId: string): string;
  nameOf(userId: string): string;
  timeZone: string;
}

/**
 * What the action will do, as its recipient will see it. Every payload string is rendered as text
 * by React, never as HTML: a proposal built from an email must not inject markup into the Inbox.
 */
export function ActionPreview({ action, people }: { action: ActionView; people: PreviewPeople }) {
  switch (action.kind) {
    case 'email.send':
      return <EmailPreview action={action} people={people} />;
    case 'calendar.create_event':
      return <EventPreview action={action} people={people} />;
    case 'slack.post':
      return <SlackPreview action={action} />;
    case 'task.create':
      return <TaskPreview action={action} people={people} />;
    case 'customer.update_field':
      return <FieldPreview action={action} people={people} />;
  }
}

function Unreadable({ action }: { action: ActionView }) {
  return <pre className="preview-body">{JSON.stringify(action.payload, null, 2)}</pre>;
}

function Headers({ rows }: { rows: [string, string | null | undefined][] }) {
  return (
    <dl className="preview-headers">
      {rows
        .filter((row): row is [string, string] => Boolean(row[1]))
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function EmailPreview({ action, people }: { action: ActionView; people: PreviewPeople }) {
  const parsed = emailSendPayload.safeParse(action.payload);
  if (!parsed.success) return <Unreadable action={action} />;
  const email = parsed.data;
  return (
    <figure className="preview preview-email" aria-label="Email preview">
      <Headers
        rows={[
          ['From', people.emailOf(action.forUserId)],
          ['To', email.to.join(', ')],
          ['Cc', email.cc.join(', ')],
          ['Subject', email.subject],
          ['Sends', email.sendAt ? momentIn(email.sendAt, people.timeZone) : null],
          ['Thread', email.threadId ? 'a reply in its Gmail thread' : null],
        ]}
      />
      <div className="preview-body">{email.body}</div>
    </figure>
  );
}

function EventPreview({ action, people }: { action: ActionView; people: PreviewPeople }) {
  const parsed = calendarCreateEventPayload.safeParse(action.payload);
  if (!parsed.success) return <Unreadable action={action} />;
  const event = parsed.data;
  return (
    <figure className="preview preview-event" aria-label="Event preview">
      <Headers
        rows={[
          ['Event', event.summary],
          [
            'When',
            `${spanIn(event.start.dateTime, event.end.dateTime, people.timeZone)} (${people.timeZone})`,
          ],
          ['Organiser', people.emailOf(action.forUserId)],
          ['Attendees', event.attendees.length > 0 ? event.attendees.join(', ') : 'no one else'],
          ['Where', event.location],
          ['Video', event.conference ? 'Google Meet link added' : null],
        ]}
      />
      {event.description && <div className="preview-body">{event.description}</div>}
    </figure>
  );
}

function SlackPreview({ action }: { action: ActionView }) {
  const parsed = slackPostPayload.safeParse(action.payload);
  if (!parsed.success) return <Unreadable action={action} />;
  const post = parsed.data;
  return (
    <figure className="preview preview-slack" aria-label="Slack preview">
      <Headers
        rows={[
          ['Channel', post.channel],
          ['Thread', post.threadTs ? 'a reply in its thread' : null],
        ]}
      />
      <div className="preview-body">{post.text}</div>
    </figure>
  );
}

function TaskPreview({ action, people }: { action: ActionView; people: PreviewPeople }) {
  const parsed = taskCreatePayload.safeParse(action.payload);
  if (!parsed.success) return <Unreadable action={action} />;
  const task = parsed.data;
  return (
    <figure className="preview" aria-label="Task preview">
      <Headers
        rows={[
          ['Task', task.title],
          ['Due', task.dueDate],
          ['For', task.assigneeId ? people.nameOf(task.assigneeId) : null],
        ]}
      />
    </figure>
  );
}

function FieldPreview({ action, people }: { action: ActionView; people: PreviewPeople }) {
  const parsed = customerUpdateFieldPayload.safeParse(action.payload);
  if (!parsed.success) return <Unreadable action={action} />;
  const change = parsed.data;
  return (
    <figure className="preview" aria-label="Field preview">
      <Headers rows={[[fieldWords[change.field], fieldValueWords(change, people)]]} />
    </figure>
  );
}
