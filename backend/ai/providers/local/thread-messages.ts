import type { LocalTaskInputs } from '../../local-tasks.ts';
import type { LocalNlp } from './nlp.ts';
import { ownContentEnd, type Sentence, splitSentences } from './sentences.ts';

export type ThreadInput = LocalTaskInputs['thread.analysis'];

/** One message of the thread, split into the sentences of its own words (quoted history left out). */
export interface ThreadMessageView {
  index: number;
  ours: boolean;
  text: string;
  /** First name or address of the sender, for the summary. */
  sender: string;
  /** What relative dates in it resolve against: its date, or the analysis's `now`. */
  sentAt: string;
  sentences: Sentence[];
}

export function viewThread(nlp: LocalNlp, input: ThreadInput): ThreadMessageView[] {
  const own = new Set(input.ownAddresses.map((a) => a.trim().toLowerCase()));
  return input.messages.map((message, index) => ({
    index,
    ours: message.from.email !== null && own.has(message.from.email.trim().toLowerCase()),
    text: message.text,
    sender: senderLabel(message.from),
    sentAt: message.sentAt ?? input.now,
    sentences: splitSentences(nlp, message.text, 0, ownContentEnd(message.text)),
  }));
}

function senderLabel(from: { email: string | null; name: string }): string {
  const first = from.name.trim().split(/\s+/)[0]?.replace(/[,"']/g, '');
  if (first) return first;
  return from.email?.split('@')[0] ?? 'someone';
}

const courtesyWords = new Set([
  'hi',
  'hello',
  'hey',
  'dear',
  'thanks',
  'thank',
  'you',
  'so',
  'much',
  'many',
  'again',
  'regards',
  'best',
  'kind',
  'warm',
  'warmest',
  'cheers',
  'sincerely',
  'all',
  'team',
  'everyone',
  'folks',
  'ok',
  'okay',
  'great',
  'cool',
  'sounds',
  'good',
  'and',
  'in',
  'advance',
]);

/** "Hi Anna,", "Thanks!", "Best regards,", a signature's name: words that carry no content. */
export function isCourtesy(sentence: Sentence): boolean {
  const words = sentence.tokens.filter((t) => t.type !== 'punctuation');
  return (
    words.length <= 5 &&
    words.every((t) => courtesyWords.has(t.normal) || t.pos === 'PROPN' || t.type === 'email')
  );
}
