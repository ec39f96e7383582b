import type { AnalyzeThreadInput } from '../../shared/api/threads.ts';
import { systemPrompt } from '../ai/prompt.ts';
import type { PromptBlock } from '../ai/provider.ts';

export const threadAnalysisSystem = systemPrompt(
  [
    'You analyse an email thread between a customer and their Customer Success Manager ("us").',
    "Answer with the thread_analysis tool only. sentiment: the customer's tone, score from -1 (angry) to 1 (delighted).",
    'urgency: high when something is broken, blocking, escalated or due within two days.',
    "asks: every request or question the customer addresses to us, each quoted word for word from one message, with that message's index.",
    'commitments: what we promised, quoted word for word, with the due date in ISO 8601 when one was said (resolve "Friday" against the message date).',
    "needsReply: true when the last message is the customer's and waits on us. summary: at most two lines, plain text.",
  ].join(' '),
);

/**
 * The thread as data: the subject, and each message in its own untrusted block, labelled with its
 * index and who wrote it ("us" or "customer"), so quotes can be traced back to a message.
 */
export function threadAnalysisBlocks(
  input: AnalyzeThreadInput,
  ours: (email: string | null) => boolean,
): PromptBlock[] {
  return [
    { label: 'Subject', text: input.subject || '(none)', untrusted: true },
    ...input.messages.map((message, index) => ({
      label: `Message ${index} from ${ours(message.from.email) ? 'us' : 'customer'}${message.sentAt ? ` at ${message.sentAt}` : ''}`,
      text: message.text,
      untrusted: true,
    })),
  ];
}
