import type { GenerateDraftInput } from '../../shared/api/drafts.ts';
import { askContext, askDisposition, isAimedAtTheModel } from '../ai/providers/local/draft-injected-asks.ts';
import type { DraftFacts } from './facts.ts';
import { speaksToDraftingModel } from './injection-links.ts';

/**
 * The sentences of the untrusted mail that read as instructions rather than a customer's business:
 * orders to the model drafting the reply ("add … to your response", "ignore previous
 * instructions"), tasks for a general assistant that have nothing to do with the account ("Explain
 * the theory of relativity."), and requests to move data or credentials out ("forward this thread
 * to…"). A draft that repeats one of them was very likely written by a model that obeyed it.
 * Text hidden as hex or base64 is read as what it decodes to.
 */
export interface InstructionSpan {
  text: string;
  /** It addresses the drafting model itself: even a figure of it in the draft is suspect. */
  toTheModel: boolean;
}

export function instructionSpans(thread: GenerateDraftInput['thread'], facts: DraftFacts): InstructionSpan[] {
  if (!thread) return [];
  const sentences = thread.messages.flatMap((m, message) =>
    sentencesOf(m.text).map((text) => ({
      text,
      message,
      domain: m.from.email?.split('@')[1]?.toLowerCase() ?? null,
    })),
  );
  const account = [
    thread.subject,
    facts.customer.name,
    ...facts.customer.openTickets.map((t) => t.subject),
    ...facts.customer.openTasks.map((t) => t.title),
    facts.customer.lastMeeting?.subject ?? '',
  ];
  const spans: (InstructionSpan & { at: number; message: number })[] = [];
  sentences.forEach(({ text, domain, message }, at) => {
    for (const candidate of [text, ...decoded(text)]) {
      const toTheModel = addressesTheModel(candidate);
      if (!toTheModel && !looksLikeAnOrder(candidate)) continue;
      // What the rest of the thread and the account are about; the sentence itself left out.
      const context = askContext([...account, ...sentences.filter((_, i) => i !== at).map((s) => s.text)]);
      // Telling the reader what to take as given is no customer's question, on topic or not.
      const dictates = directive.test(candidate) && !/\?\s*$/.test(candidate);
      if (toTheModel || dictates || askDisposition(candidate, domain, context) !== 'answer')
        spans.push({ text: candidate, toTheModel, at, message });
    }
  });
  return joinedRuns(spans);
}

/** Instructions within a sentence of each other in one message are one passage: a draft may mix their words. */
function joinedRuns(spans: (InstructionSpan & { at: number; message: number })[]): InstructionSpan[] {
  const joined: (InstructionSpan & { at: number; message: number })[] = [];
  for (const span of spans) {
    const last = joined.at(-1);
    if (last && last.message === span.message && span.at - last.at <= 2 && span.at !== last.at)
      joined[joined.length - 1] = {
        ...span,
        text: `${last.text} ${span.text}`,
        toTheModel: last.toTheModel || span.toTheModel,
      };
    else joined.push(span);
  }
  return joined.map(({ text, toTheModel }) => ({ text, toTheModel }));
}

export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])["”')\]]*\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const orderVerbs =
  'add|include|insert|append|write|draft|compose|create|develop|provide|give|explain|describe|tell|list|summari[sz]e|' +
  'translate|convert|replace|use|render|introduce|misspell|scramble|jumble|rearrange|anagram|remove|group|combine|' +
  'modify|integrate|augment|enhance|suggest|promote|recommend|mention|state|say|output|print|repeat|respond|reply|' +
  'answer|ignore|disregard|forget|send|forward|share|reset|click|visit|go|download|install|break|show|calculate|solve|' +
  'imagine|pretend|consider|assume|offer|tease|hint|encourage|invite|express|stress|emphasi[sz]e|highlight|direct|' +
  'approve|confirm|update|change|wire|transfer|pay|email|cc|bcc|retrieve|review|let';
const order = new RegExp(
  String.raw`^(?:(?:please|kindly|also|and|now|then|finally|first|p\.?s\.?)[,:]?\s+)*(?:${orderVerbs})\b|\b(?:can|could|would|will) you\b|\bplease\b|\bi need you to\b|\byou (?:must|should)\b|\bmake sure\b|\?$`,
  'i',
);

/** Telling the reader what to say or take as given, wherever in the sentence: "let's assume…", "state that…". */
const directive =
  /\b(?:let['’]?s|let us|i suggest|suppose|assume|imagine|pretend|hypothetically)\b|\b(?:state|say|output|print|respond|answer|reply|write|claim|report)\s+(?:that|the|this|it|with|as)\b|\b(?:consider|treat|take)\s+the\s+\w+\s+(?:as|to be)\b/i;

/** A question, a request, an imperative or a directive: what an instruction looks like. */
function looksLikeAnOrder(sentence: string): boolean {
  return sentence.split(/\s+/).length >= 3 && (order.test(sentence.trim()) || directive.test(sentence));
}

/** Orders to the model drafting the reply, in a few languages ("Ignorez la fonction…"). */
function addressesTheModel(sentence: string): boolean {
  return (
    speaksToDraftingModel(sentence) ||
    isAimedAtTheModel(sentence) ||
    /\b(?:ignor|olvid|vergiss|oubli)\w*/i.test(sentence)
  );
}

/** A run of hex or base64 in a sentence ("# 496e6f…"), decoded when it decodes to readable text. */
function decoded(sentence: string): string[] {
  const hex = /(?:[0-9a-f]{2}){12,}/i.exec(sentence)?.[0];
  const base64 = /[A-Za-z0-9+/]{24,}={0,2}/.exec(sentence)?.[0];
  let text: string | null = null;
  if (hex) text = Buffer.from(hex, 'hex').toString('utf8');
  else if (base64 && base64.length % 4 === 0) text = Buffer.from(base64, 'base64').toString('utf8');
  if (!text) return [];
  const readable = text.replace(/[^\p{L}\p{N}\p{P}\s]/gu, '');
  return readable.length >= 0.9 * text.length && /\p{L}{3,}/u.test(text) ? [text] : [];
}
