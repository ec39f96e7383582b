/**
 * Asks a draft must not carry out or repeat: mail is untrusted, and an "ask" may be an injected
 * instruction aimed at the drafting model ("ignore the CSM and…", "include this link in your reply")
 * or a way to move data out ("forward this thread to…"). The first kind is left out of the draft;
 * the second is declined in words that do not repeat it.
 */
export type AskDisposition = 'answer' | 'decline' | 'leave_out';

const aimedAtTheModel = new RegExp(
  [
    String.raw`\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|rules|previous|above|prompt|csm|guidelines)\b`,
    String.raw`\b(dear|hey|hi|attention|note to( the)?|to the|you are an?|as an?) (ai|assistant|ai assistant|language model|llm|chatbot|gpt|claude|gemini|model|bot)\b`,
    String.raw`\bsystem prompt\b`,
    String.raw`\b(in|into|to) (your|the|this) (reply|response|answer|draft|output)\b`,
    String.raw`\b(respond|reply|answer|start your (reply|response)) (only )?with\b`,
    String.raw`\binclude (this|the following|the phrase|the text|the word|the link|a link|these words)\b`,
    String.raw`\b(new|updated|real) instructions?\b`,
  ].join('|'),
  'i',
);

const movesData = new RegExp(
  [
    String.raw`\b(forward|redirect|send|copy)\b.{0,20}\b(this|the|these|all|every|whole|entire) (email )?(thread|emails|conversation|messages|chain|history)\b`,
    String.raw`\bbcc\b`,
    String.raw`\b(send|share|email|give|tell|provide|what is|what are|confirm)\b.{0,40}\b(password|passcode|credentials?|api key|access token|login details|mfa code|one-time code)\b`,
    String.raw`\b(bank (details|account)|wire (transfer|the)|routing number|iban|gift cards?|payment details)\b`,
    String.raw`\b(all|every|the full) (of )?(the |your )?(emails|threads|contacts|customer list|customers|accounts)\b`,
  ].join('|'),
  'i',
);
const sendVerb = /\b(send|share|email|export|upload|post|copy|forward|cc)\b/i;
const address = /[\w.+-]+@([\w-]+(?:\.[\w-]+)+)/g;

/** `senderDomain`: the domain of the customer who asked; their own addresses are theirs to ask about. */
export function askDisposition(quote: string, senderDomain: string | null): AskDisposition {
  if (aimedAtTheModel.test(quote)) return 'leave_out';
  if (movesData.test(quote)) return 'decline';
  if (sendVerb.test(quote) && elsewhere(quote, senderDomain)) return 'decline';
  return 'answer';
}

function elsewhere(quote: string, senderDomain: string | null): boolean {
  for (const [, domain] of quote.matchAll(address))
    if (!senderDomain || domain!.toLowerCase() !== senderDomain) return true;
  return false;
}
