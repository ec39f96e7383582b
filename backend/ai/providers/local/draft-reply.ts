import { type AnsweredAsk, answerAsk, type PendingAsk, withComeBacks } from './draft-answers.ts';
import { complaintOpening } from './draft-complaint.ts';
import {
  type Composer,
  createComposer,
  type DraftInput,
  type Paragraph,
  required,
  sentence,
} from './draft-compose.ts';
import { askContext } from './draft-injected-asks.ts';
import { followInstruction } from './draft-instruction.ts';
import {
  accountContext,
  checkInParagraphs,
  commitmentsParagraph,
  followUpParagraphs,
  renewalParagraphs,
  replyOpening,
  sameName,
} from './draft-intents.ts';
import { phraseBooks } from './draft-phrases.ts';
import {
  addedPhrases,
  fitToLength,
  greetingLine,
  inLearnedOrder,
  inLearnedRegister,
  signOffLines,
} from './draft-style.ts';
import type { LocalNlp } from './nlp.ts';

/** More asks than this in one thread: the rest wait for the CSM (a draft is not a questionnaire). */
const maxAnswers = 8;

/**
 * The local provider's draft, composed from the input: a greeting to the recipient, an answer to
 * each ask still waiting on us with the facts CSCX has (or when we will have them), our open
 * promises, what the intent and the CSM's instruction call for, in the tone, length and style
 * asked for, signed by the sender. Phrases are drawn from `seed`: the same seed, the same text.
 * Plain text; a link in it comes from CSCX's own data or the CSM's instruction, never from the mail.
 */
export function composeDraftReply(nlp: LocalNlp, input: DraftInput, seed: number): string {
  const instruction = input.instruction ? followInstruction(nlp, input.instruction) : null;
  const c = createComposer(nlp, { ...input, length: instruction?.length ?? input.length }, seed);
  const directives: Paragraph = (instruction?.sentences ?? []).map((text) => sentence(text, required));
  // Intents that state account facts go first, so that an answer below does not say them again.
  const intent = intentParagraphs(c);
  const answered = pendingAsks(input)
    .map((ask) => answerAsk(c, ask))
    .filter((a): a is AnsweredAsk => a !== null);
  const answers = withComeBacks(c, answered);

  // An unhappy customer hears the apology first, and about our late promise next, before the answers.
  const unhappy = input.analysis?.sentiment.label === 'negative' && !intent;
  const promises =
    input.intent === 'follow_up' ? [] : commitmentsParagraph(c, input.intent === 'reply' ? 95 : 60);
  const body: Paragraph[] = intent ?? [unhappy ? complaintOpening(c) : replyOpening(c, answers.length)];
  if (unhappy) body.push(promises);
  if (input.intent === 'custom') body.push(directives);
  body.push(...answers);
  if (!unhappy && input.intent !== 'follow_up') body.push(promises);
  if (input.intent !== 'custom') body.push(directives);
  if (c.length === 'long') body.push(accountContext(c, textOf(body)));
  body.push(closing(c, textOf(body), unhappy));
  // What the CSM always writes first, above the rest whatever order that takes.
  const opening = addedPhrases(c, textOf(body), 'opening').map((text) => sentence(text, required));
  const fitted = fitToLength(c, [opening, ...body]).map((p) => p.map((s) => s.text).join(' '));
  const [top = [], rest] = opening.length > 0 ? [fitted.slice(0, 1), fitted.slice(1)] : [[], fitted];
  const paragraphs = [...top, ...inLearnedOrder(c, rest)].map((p) => inLearnedRegister(c, p));
  return [greetingLine(c), ...paragraphs, signOffLines(c)].join('\n\n');
}

function intentParagraphs(c: Composer): Paragraph[] | null {
  if (c.input.intent === 'check_in') return checkInParagraphs(c);
  if (c.input.intent === 'follow_up') return followUpParagraphs(c);
  if (c.input.intent === 'renewal') return renewalParagraphs(c);
  return null;
}

function textOf(body: Paragraph[]): string {
  return body
    .flat()
    .map((s) => s.text)
    .join(' ');
}

/** The closer, and the phrases the CSM always adds that the body has not said. */
function closing(c: Composer, said: string, unhappy: boolean): Paragraph {
  const book = phraseBooks[c.tone];
  // An unhappy customer is thanked for their patience, not wished a wonderful week.
  const paragraph: Paragraph = [
    unhappy
      ? sentence(c.say(book.patientClosers), 50)
      : sentence(c.say(book.closers), c.tone === 'concise' ? 30 : 50),
  ];
  // A draft that already offers a call or a meeting (a custom instruction often does) offers no second one.
  const offersCall = /\b(call|meeting|meet|chat)\b/i.test(said);
  if ((c.input.intent === 'reply' || c.input.intent === 'custom') && !offersCall)
    paragraph.push(sentence(c.say(unhappy ? book.discussCall : book.callOffers, { before: '' }), 12));
  if (!unhappy) paragraph.push(sentence(c.say(book.extraClosers), 20));
  for (const phrase of addedPhrases(c, said)) paragraph.push(sentence(phrase, required));
  return paragraph;
}

/**
 * The analysis's asks made after our last message (a message is ours when the sender wrote it or
 * it holds one of our promises), each once, with the date its relative deadlines resolve against.
 */
function pendingAsks(input: DraftInput): PendingAsk[] {
  const { analysis, messages } = input;
  if (!analysis) return [];
  const ours = new Set(analysis.commitments.map((c) => c.messageIndex));
  messages.forEach((m, index) => {
    if (sameName(m.from.name, input.sender.name)) ours.add(index);
  });
  const ourLast = Math.max(-1, ...ours);
  const context = askContext(contextTexts(input));
  const seen = new Set<string>();
  const pending: PendingAsk[] = [];
  for (const ask of analysis.asks) {
    const key = ask.quote.trim().toLowerCase();
    if (ask.messageIndex <= ourLast || seen.has(key)) continue;
    seen.add(key);
    const message = messages[ask.messageIndex];
    pending.push({
      quote: ask.quote,
      kind: ask.kind,
      sentAt: message?.sentAt ?? input.now,
      senderDomain: message?.from.email?.split('@')[1]?.toLowerCase() ?? null,
      context,
    });
  }
  return pending.slice(0, maxAnswers);
}

/** The thread without its asks, and the account's facts: what a real ask relates to. */
function contextTexts(input: DraftInput): string[] {
  const asks = input.analysis?.asks ?? [];
  const { customer } = input;
  return [
    input.subject,
    input.instruction ?? '',
    ...input.messages.map((m, index) =>
      asks.filter((a) => a.messageIndex === index).reduce((text, a) => text.replace(a.quote, ' '), m.text),
    ),
    customer.name,
    ...customer.openTickets.map((t) => t.subject),
    ...customer.openTasks.map((t) => t.title),
    customer.lastMeeting?.subject ?? '',
    ...input.knowledge.map((k) => k.title),
  ];
}

/**
 * A draft composed twice at load, so that V8 has compiled the composer's regular expressions and
 * date formats before the first real draft, whose first chunk has a budget of 100 ms.
 */
export function warmUpDraftComposer(nlp: LocalNlp): void {
  const input: DraftInput = {
    intent: 'reply',
    instruction: 'Thank them for the update and ask about their plans.',
    tone: 'warm',
    length: 'long',
    subject: 'Re: renewal',
    messages: [
      { from: { email: null, name: 'Dana' }, sentAt: null, text: 'Could you send the quote by Friday?' },
    ],
    analysis: {
      sentiment: { score: 0, label: 'neutral' },
      urgency: 'normal',
      asks: [
        {
          quote: 'Could you send the renewal quote and an update on the SSO bug by Friday?',
          messageIndex: 0,
          kind: 'request',
        },
      ],
      commitments: [],
      needsReply: true,
      summary: '',
    },
    customer: {
      name: 'Acme',
      renewalDate: '2027-03-15',
      arr: '$1,000',
      openTickets: [{ subject: 'SSO bug', priority: 'High', openedAt: '2026-11-18T09:00:00Z' }],
      lastMeeting: { subject: 'QBR', occurredAt: '2026-11-18T15:00:00Z' },
      openTasks: [{ title: 'Send QBR deck', dueDate: '2026-12-02' }],
    },
    recipient: { name: 'Dana' },
    sender: { name: 'Anna' },
    style: null,
    knowledge: [],
    now: '2026-11-25T16:00:00+01:00',
  };
  for (const tone of ['concise', 'formal'] as const) composeDraftReply(nlp, { ...input, tone }, 0);
}
