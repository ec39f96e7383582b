import type { ThreadAnalysis, ThreadMessage } from '../../shared/api/threads.ts';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A quote must be in the thread: a model may paraphrase or invent, and what the sidebar shows
 * between quotation marks is what the customer wrote. A quote found in another message than the
 * one named is re-attributed; one found nowhere is dropped.
 */
export function keepQuotedSpans(analysis: ThreadAnalysis, messages: ThreadMessage[]): ThreadAnalysis {
  const texts = messages.map((m) => squash(m.text));
  const locate = <T extends { quote: string; messageIndex: number }>(item: T): T | undefined => {
    const quote = squash(item.quote);
    if (!quote) return undefined;
    if (texts[item.messageIndex]?.includes(quote)) return item;
    const index = texts.findIndex((t) => t.includes(quote));
    return index < 0 ? undefined : { ...item, messageIndex: index };
  };
  return {
    ...analysis,
    asks: analysis.asks.map(locate).filter((a) => a !== undefined),
    commitments: analysis.commitments.map(locate).filter((c) => c !== undefined),
  };
}
