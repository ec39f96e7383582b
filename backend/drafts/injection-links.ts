import type { GenerateDraftInput } from '../../shared/api/drafts.ts';
import type { DraftFacts } from './facts.ts';
import { linksIn } from './links.ts';

/**
 * Wording that speaks to the model drafting the reply rather than to the CSM: a name for it ("AI
 * assistant:", "Note to the AI model…"), an order about the reply ("add … to your response", "the
 * reply must…"), a bid to unseat its rules ("ignore previous instructions", "SYSTEM:"), in a few
 * languages. A customer has no reason to write so to a person.
 */
const speaksToTheModel = new RegExp(
  [
    String.raw`\b(?:assistant|llm|chatbot|gpt|chatgpt|claude|gemini|copilot)s?\s*:`,
    String.raw`(?:^|[\n.!?]\s*)(?:the\s+)?(?:ai|ai assistant|assistant|language model|model|bot)s?\s*[:,]`,
    String.raw`\b(?:note to|dear|attention|hey|hi|hello)\s+(?:the\s+|all\s+|any\s+)?(?:ai|assistant|language model|llm|model|bot)s?\b`,
    String.raw`\b(?:ai|assistant|model|llm|bot)s?\s+(?:reading|writing|replying|answering|summari[sz]ing|drafting|processing)\b`,
    String.raw`\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:instructions?|rules|previous|above|prompt|guidelines|csm|content|function|data)\b`,
    String.raw`\b(?:ignor|olvid|vergiss|oubli)\w*\b[^.\n]{0,40}\b(?:anweisung|instruc|consign)\w*`,
    String.raw`(?:^|[\n>])\s*<?\s*system(?:[ _]mode)?\s*[:>]`,
    String.raw`\bsystem prompt\b`,
    String.raw`\b(?:in|into|to)\s+(?:your|the|this|every|each)\s+(?:vendor\s+)?(?:reply|response|answer|draft|output)\b`,
    String.raw`\b(?:include|add|integrate|insert|append|put|mention|modify|augment|enhance|write)\b[^.\n]{0,80}\b(?:your|the|this|every|each)\s+(?:vendor\s+)?(?:reply|response|answer|draft|output)\b`,
    String.raw`\b(?:reply|response|answer|draft|output)s?\s+(?:must|should|needs? to|to)\s+(?:include|contain|add|mention|say|state|tell|link)\b`,
    String.raw`\bwhen you (?:reply|respond|answer)\b`,
    String.raw`\bwrite a (?:message|reply|response)\b`,
    String.raw`\b(?:in|dans|en)\s+(?:deine|ihre|votre|ta|tu|su)\s+(?:antwort|réponse|respuesta)\b`,
  ].join('|'),
  'i',
);

export function speaksToDraftingModel(text: string): boolean {
  return speaksToTheModel.test(text);
}

/**
 * The links and addresses a draft may carry unflagged: those written in the thread, except in a
 * message that gives orders to the model drafting the reply (that is how an injected "add this
 * link" brings its own link, often in text the CSM cannot see); who wrote the thread; and CSCX's
 * own: the customer's contacts and the CSM.
 */
export function linksToTrust(thread: GenerateDraftInput['thread'], facts: DraftFacts): string[] {
  const messages = thread?.messages ?? [];
  return [
    ...messages.filter((m) => !speaksToDraftingModel(m.text)).flatMap((m) => linksIn(m.text)),
    ...messages.map((m) => m.from.email ?? '').filter(Boolean),
    ...facts.contacts.map((c) => c.email ?? '').filter(Boolean),
    facts.senderEmail,
  ].filter(Boolean);
}
