import type { ThreadAnalysis } from '../../../../shared/api/threads.ts';
import { type FoundAsk, findAsks } from './asks.ts';
import { findCommitments } from './commitments.ts';
import type { LocalNlp } from './nlp.ts';
import { customerSentiment } from './sentiment.ts';
import { extractiveSummary } from './summary.ts';
import { type ThreadInput, type ThreadMessageView, viewThread } from './thread-messages.ts';
import { threadUrgency } from './urgency.ts';

export function analyzeThread(nlp: LocalNlp, input: ThreadInput): ThreadAnalysis {
  const messages = viewThread(nlp, input);
  const asks = findAsks(messages);
  const sentiment = customerSentiment(nlp, messages);
  const replyNeeded = needsReply(messages, asks);
  return {
    sentiment,
    urgency: threadUrgency(nlp, messages, {
      asks,
      needsReply: replyNeeded,
      sentimentScore: sentiment.score,
      now: input.now,
    }),
    asks: asks.slice(0, 50).map(({ quote, messageIndex, kind }) => ({ quote, messageIndex, kind })),
    commitments: findCommitments(nlp, messages),
    needsReply: replyNeeded,
    summary: extractiveSummary(input.subject, messages, asks),
  };
}

/**
 * The customer wrote last and, since our last message, asked something: a "thanks, all good" after
 * our answer needs none, a second message after an unanswered question still does.
 */
function needsReply(messages: ThreadMessageView[], asks: FoundAsk[]): boolean {
  const last = messages[messages.length - 1];
  if (!last || last.ours) return false;
  const ourLast = messages.findLastIndex((m) => m.ours);
  return asks.some((ask) => ask.messageIndex > ourLast);
}
