import type { AnalyzeThreadInput } from '../../../shared/api/threads.ts';
import type { HostContext } from '../../../shared/host-context.ts';

/**
 * What `threads.analyze` is asked about the Gmail thread the tab shows a customer for: its loaded
 * messages that say something, oldest first, each sender named as Gmail showed them. None for other
 * hosts, a draft, no customer, or a thread whose loaded messages are all empty.
 */
export function threadAnalysisInput(
  context: HostContext,
  customerId: string | null,
): AnalyzeThreadInput | null {
  if (context.host !== 'gmail' || context.view !== 'thread' || !customerId) return null;
  const names = new Map(context.participants.map((p) => [p.email, p.name]));
  const messages = context.messages
    .filter((m) => m.text.trim() !== '')
    .map((m) => ({
      from: { email: m.from, name: m.fromName || (m.from ? (names.get(m.from) ?? '') : '') },
      sentAt: m.sentAt,
      text: m.text,
    }));
  if (messages.length === 0) return null;
  return { threadId: context.threadId, subject: context.subject, customerId, messages, log: true };
}
