import type { ActionKind } from '../../../shared/api/actions.ts';
import { calendarCreateEvent } from './calendar-create-event.ts';
import { emailSend } from './email-send.ts';
import type { OutsideExecutor } from './outside.ts';
import { slackPost } from './slack-post.ts';

/**
 * Where each kind runs: `inside` changes CSCX's own data in the transaction that records it done
 * (internal.ts); an outside executor calls its vendor with no transaction open. Every kind has one:
 * the record is typed by the kinds, so a kind added to the API without an executor fails to compile.
 */
export type Executor = { where: 'inside' } | { where: 'outside'; executor: OutsideExecutor };

const inside: Executor = { where: 'inside' };
const outside = (executor: OutsideExecutor): Executor => ({ where: 'outside', executor });

const executors: Record<ActionKind, Executor> = {
  'email.send': outside(emailSend),
  'calendar.create_event': outside(calendarCreateEvent),
  'slack.post': outside(slackPost),
  'task.create': inside,
  'customer.update_field': inside,
};

/** Undefined for a kind this server does not know (stored by a newer version, or by hand). */
export function executorOf(kind: string): Executor | undefined {
  return Object.hasOwn(executors, kind) ? executors[kind as ActionKind] : undefined;
}
