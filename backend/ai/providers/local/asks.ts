import { askProbability, askThreshold } from './ask-classifier/classify.ts';
import { coreTokens } from './ask-classifier/features.ts';
import type { Sentence, Token } from './sentences.ts';
import { isCourtesy, type ThreadMessageView } from './thread-messages.ts';

export type AskKind = 'request' | 'question';

export interface AskVerdict {
  kind: AskKind;
  probability: number;
}

/**
 * Whether a sentence asks the reader something, and how: the trained classifier, or one of the forms
 * no reader mistakes for anything else ("Please send…", "Could you…", "When is…?"), which the
 * classifier's noisy labels sometimes outvote. A one-word line ("Thanks!") asks nothing.
 */
export function classifyAsk(sentence: Sentence): AskVerdict | null {
  const words = sentence.tokens.filter((t) => t.type !== 'punctuation');
  if (words.length < 2) return null;
  const probability = askProbability(sentence);
  const polite = politeRequest(sentence.tokens);
  const asked = probability >= askThreshold || polite || directQuestion(sentence.tokens);
  if (!asked) return null;
  if (!polite && !endsWithQuestionMark(sentence.tokens) && reportsProblem(sentence.text)) return null;
  return { kind: kindOf(sentence.tokens), probability };
}

/**
 * "We still cannot export any data.", "SSO is down again.": the customer telling us what is broken.
 * The classifier hears the urgency as an ask, but such a sentence is the problem a reply
 * acknowledges, not a request it answers; one that also asks ("…, could you look?") stays an ask.
 */
const problemReport =
  /\b(cannot|can['’]?t|can not|could(n['’]?t| not)|unable to|not (working|loading|possible|able to)|(does|do|did)(n['’]?t| not) work|(is|are|was|were|has been|have been|keeps? going) (down|broken|failing|unavailable|offline)|keeps? (failing|crashing|breaking|timing out)|still (not|no|failing|broken|down)|no longer)\b/i;
const askWithin =
  /\b(please|kindly|(could|can|would|will) (you|someone|your team)|let (me|us) know|need you to)\b/i;

export function reportsProblem(text: string): boolean {
  return problemReport.test(text) && !askWithin.test(text);
}

const modals = new Set(['could', 'can', 'would', 'will']);
const questionStarts = new Set([
  'what',
  'when',
  'where',
  'which',
  'who',
  'whom',
  'whose',
  'why',
  'how',
  'is',
  'are',
  'was',
  'were',
  'do',
  'does',
  'did',
  'have',
  'has',
  'should',
  'shall',
  'may',
  'any',
]);

function kindOf(tokens: Token[]): AskKind {
  if (politeRequest(tokens)) return 'request';
  return endsWithQuestionMark(tokens) || questionStarts.has(coreTokens(tokens)[0]?.normal ?? '')
    ? 'question'
    : 'request';
}

/** "Please send…", "Could you (please) share…", "Can we get…" */
function politeRequest(tokens: Token[]): boolean {
  const [first, second, third] = coreTokens(tokens).map((t) => t.normal);
  if (first === 'please' || first === 'kindly') return true;
  return modals.has(first ?? '') && (second === 'you' || second === 'we') && third !== undefined;
}

/** A question addressed to us: it ends with "?" and opens the way questions do. */
function directQuestion(tokens: Token[]): boolean {
  return endsWithQuestionMark(tokens) && questionStarts.has(coreTokens(tokens)[0]?.normal ?? '');
}

function endsWithQuestionMark(tokens: Token[]): boolean {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const value = tokens[i]!.value;
    if (value === '?') return true;
    if (!/^["')\]]+$/.test(value)) return false;
  }
  return false;
}

export interface FoundAsk {
  quote: string;
  messageIndex: number;
  kind: AskKind;
  sentence: Sentence;
}

/** The customer's sentences that ask something of us, in thread order. */
export function findAsks(messages: ThreadMessageView[]): FoundAsk[] {
  const asks: FoundAsk[] = [];
  for (const message of messages) {
    if (message.ours) continue;
    for (const sentence of message.sentences) {
      if (isCourtesy(sentence)) continue;
      const verdict = classifyAsk(sentence);
      if (verdict)
        asks.push({
          quote: sentence.text.slice(0, 1000),
          messageIndex: message.index,
          kind: verdict.kind,
          sentence,
        });
    }
  }
  return asks;
}
