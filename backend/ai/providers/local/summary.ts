import type { FoundAsk } from './asks.ts';
import { isCommitment } from './commitments.ts';
import type { Sentence } from './sentences.ts';
import { isCourtesy, type ThreadMessageView } from './thread-messages.ts';
import { pressingCues, raisingCues } from './urgency.ts';

const maxLineLength = 280;
const contentTags = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM']);

interface Candidate {
  message: ThreadMessageView;
  sentence: Sentence;
  score: number;
}

/**
 * Two lines taken from the thread, each "Sender: sentence": the two most informative sentences, by
 * content words (nouns, verbs, numbers), words shared with the subject, naming a problem or a
 * deadline, being an ask or a promise, opening its message, and recency. A second line from the same message as the first needs to beat
 * the best of another message by half again, so the two lines usually tell both sides.
 */
export function extractiveSummary(subject: string, messages: ThreadMessageView[], asks: FoundAsk[]): string {
  const names = new Set(messages.map((m) => m.sender.toLowerCase()));
  const addressed = (sentence: Sentence) => withoutAddress(sentence.text, names);
  const subjectWords = new Set(subject.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []);
  const asked = new Set(asks.map((a) => a.sentence));
  const candidates: Candidate[] = [];
  for (const message of messages) {
    const contentful = message.sentences.filter((s) => !isCourtesy(s) && wordCount(s) >= 4);
    contentful.forEach((sentence, position) => {
      const content = sentence.tokens.filter((t) => contentTags.has(t.pos) && !t.stopWord);
      const shared = new Set(content.map((t) => t.normal).filter((w) => subjectWords.has(w))).size;
      const score =
        Math.min(content.length, 12) / 4 +
        Math.min(shared, 3) * 0.75 +
        (pressingCues.test(sentence.text) || raisingCues.test(sentence.text) ? 1 : 0) +
        (asked.has(sentence) ? 1.5 : 0) +
        (message.ours && isCommitment(sentence) ? 1 : 0) +
        (position === 0 ? 0.5 : 0) +
        (message.index / Math.max(messages.length - 1, 1)) * 0.75 -
        (wordCount(sentence) > 40 ? 1 : 0) -
        (thanking.test(addressed(sentence)) ? 1 : 0);
      candidates.push({ message, sentence, score });
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.message.index - b.message.index);
  const first = candidates[0];
  if (!first) return subject.trim().slice(0, maxLineLength);
  const elsewhere = candidates.find((c) => c.message !== first.message);
  const sameMessage = candidates.find((c) => c !== first && c.message === first.message);
  const second =
    sameMessage && (!elsewhere || sameMessage.score > elsewhere.score * 1.5) ? sameMessage : elsewhere;
  return [first, second]
    .filter((c): c is Candidate => c !== undefined)
    .sort((a, b) => a.message.index - b.message.index || a.sentence.start - b.sentence.start)
    .map((c) => line(c, names))
    .join('\n');
}

function wordCount(sentence: Sentence): number {
  return sentence.tokens.filter((t) => t.type !== 'punctuation').length;
}

/** Words that tie a sentence to the one before it, and mean nothing alone on a summary line. */
const linkingStart =
  /^(also|and|but|so|plus|additionally|anyway|however|btw|by the way|one more thing)\s*[,:-]?\s+/i;

/** A sentence that thanks before it says anything ("thanks for flagging the export problem"). */
const thanking = /^(many )?(thanks|thank you)\b/i;

const greeting = /^(hi|hello|hey|dear|good (morning|afternoon|evening))\b[^,.!?]{0,40}[,!]\s*/i;

/**
 * The sentence without the greeting or the name it opens on ("Hi Ethan, …", "Jamie, it is now
 * Tuesday…"): the line already says who wrote it. A name counts only when it is someone's on the
 * thread, so "Sadly, …" keeps its word.
 */
function withoutAddress(text: string, names: Set<string>): string {
  const greeted = text.replace(greeting, '');
  const vocative = /^([A-Z][\p{L}'’-]+),\s+/u.exec(greeted);
  const rest =
    vocative && names.has((vocative[1] ?? '').toLowerCase()) ? greeted.slice(vocative[0].length) : greeted;
  return rest;
}

/**
 * The sentence as written, without its greeting, the name it is addressed to or its linking word;
 * longer than a line, it is cut at a word boundary and marked with "…".
 */
function line({ message, sentence }: Candidate, names: Set<string>): string {
  const prefix = `${message.sender}: `;
  const bare = withoutAddress(sentence.text.replace(/\s+/g, ' '), names).replace(linkingStart, '');
  const text = bare.charAt(0).toUpperCase() + bare.slice(1);
  const room = maxLineLength - prefix.length;
  if (text.length <= room) return prefix + text;
  const cut = text.slice(0, room - 1);
  return `${prefix}${cut.slice(0, Math.max(cut.lastIndexOf(' '), room / 2))}…`;
}
