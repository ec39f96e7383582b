import type { GenerateDraftInput } from '../../shared/api/drafts.ts';
import type { DraftFacts } from './facts.ts';
import { linksIn } from './links.ts';

/**
 * Wording that speaks to the model drafting the reply rather than to the CSM: a name for it ("AI
 * assistant:", "Note to the AI model…"), an order about the reply ("add … to your response", "the
 * reply must…"), a bid to unseat its rules ("ignore previous instructions", "SYSTEM:"), in a few
 * languages; or an approval claimed for the CSM's side ("the CSM already approved…"). A customer
 * has little reason to write so to a person.
 */
/** Words between two parts of one sentence: a dot inside a word ("evil.example") does not end it. */
const gap = String.raw`(?:[^.\n]|\.(?=\S))`;

const speaksToTheModel = new RegExp(
  [
    String.raw`\b(?:assistant|llm|chatbot|gpt|chatgpt|claude|gemini|copilot)s?\s*:`,
    String.raw`(?:^|[\n.!?]\s*)(?:the\s+)?(?:ai|ai assistant|assistant|language model|model|bot)s?\s*[:,]`,
    String.raw`\b(?:note to|dear|attention|hey|hi|hello)\s+(?:the\s+|all\s+|any\s+)?(?:ai|assistant|language model|llm|model|bot)s?\b`,
    String.raw`\b(?:ai|assistant|model|llm|bot)s?\s+(?:reading|writing|replying|answering|summari[sz]ing|drafting|processing)\b`,
    String.raw`\b(?:ignore|disregard|forget|override)\b${gap}{0,40}\b(?:instructions?|rules|previous|above|prompt|guidelines|csm|content|function|data)\b`,
    String.raw`\b(?:ignor|olvid|vergiss|oubli)\w*\b${gap}{0,40}\b(?:anweisung|instruc|consign)\w*`,
    String.raw`(?:^|[\n>])\s*<?\s*system(?:[ _]mode)?\s*[:>]`,
    String.raw`\bsystem prompt\b`,
    String.raw`\b(?:in|into|to)\s+(?:your|every|each)\s+(?:vendor\s+)?(?:reply|response|answer|output)\b`,
    String.raw`\b(?:include|add|integrate|insert|append|put|mention|modify|augment|enhance|write)\b${gap}{0,80}\b(?:your|the|this|every|each)\s+(?:vendor\s+)?(?:reply|response|answer|draft|output)\b`,
    String.raw`\b(?:reply|response|answer|draft|output)s?\s+(?:must|should|needs? to|to)\s+(?:include|contain|add|mention|say|state|tell|link)\b`,
    String.raw`\bwhen you (?:reply|respond|answer)\b`,
    // An approval the mail claims on someone else's behalf, to skip the CSM's own.
    String.raw`\b(?:csm|manager|vp|director|admin|legal|your (?:boss|team))\b${gap}{0,40}\b(?:already\s+)?(?:approved|authori[sz]ed|signed off)\b`,
    String.raw`\b(?:approved|authori[sz]ed) by (?:your|the) (?:csm|manager|vp|director|admin|team)\b`,
    String.raw`\bwrite a (?:message|reply|response)\b`,
    String.raw`\b(?:in|dans|en)\s+(?:deine|ihre|votre|ta|tu|su)\s+(?:antwort|réponse|respuesta)\b`,
  ].join('|'),
  'i',
);

export function speaksToDraftingModel(text: string): boolean {
  return speaksToTheModel.test(text);
}

/**
 * A message up to the sentence where it starts giving orders to the drafting model: what follows
 * (the order, and whatever it pulls in after it, as "…send it to abc@xyz.com") is the injection's.
 */
export function beforeOrdersToTheModel(text: string): string {
  const order = speaksToTheModel.exec(text);
  if (!order) return text;
  const before = text.slice(0, order.index);
  const ends = [...before.matchAll(/[.!?]\s|\n/g)].map((m) => m.index + 1);
  return text.slice(0, ends.at(-1) ?? 0);
}

/**
 * The links and addresses a draft may carry unflagged: those written in the thread, but not from
 * where a message starts giving orders to the model drafting the reply (that is how an injected "add
 * this link" brings its own link, often in text the CSM cannot see); who wrote the thread; and
 * CSCX's own: the customer's contacts and the CSM.
 */
export function linksToTrust(thread: GenerateDraftInput['thread'], facts: DraftFacts): string[] {
  const messages = thread?.messages ?? [];
  return [
    ...messages.flatMap((m) => linksIn(beforeOrdersToTheModel(m.text))),
    ...messages.map((m) => m.from.email ?? '').filter(Boolean),
    ...facts.contacts.map((c) => c.email ?? '').filter(Boolean),
    facts.senderEmail,
  ].filter(Boolean);
}
