import { topicWords } from './draft-facts.ts';

/**
 * Asks a draft must not carry out or repeat: mail is untrusted, and an "ask" may be an injected
 * instruction aimed at the drafting model ("ignore the CSM and…", "include this link in your reply"),
 * a task for a general assistant that has nothing to do with the account ("What is the capital of
 * Brazil?", "Write a poem…"), or a way to move data out ("forward this thread to…"). The first two
 * are left out of the draft (the sidebar's analysis still shows them to the CSM); the last is
 * declined in words that do not repeat it.
 */
export type AskDisposition = 'answer' | 'decline' | 'leave_out';

const aimedAtTheModel = new RegExp(
  [
    String.raw`\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|rules|previous|above|prompt|csm|guidelines)\b`,
    String.raw`\b(dear|hey|hi|attention|note to( the)?|to the|you are an?|as an?) (ai|assistant|ai assistant|language model|llm|chatbot|gpt|claude|gemini|model|bot)\b`,
    String.raw`\bsystem prompt\b`,
    String.raw`\b(in|into|to) (your|the|this) (reply|response|answer|draft|output)\b`,
    String.raw`\byour (reply|response|answer|message|output)\b`,
    String.raw`\b(respond|reply|answer|start your (reply|response)) (only )?with\b`,
    String.raw`\binclude (this|the following|the phrase|the text|the word|the link|a link|these words)\b`,
    String.raw`\b(new|updated|real) instructions?\b`,
    String.raw`\b(you['’]ve|you have) been (instructed|told|asked|authori[sz]ed) to\b`,
    String.raw`\b(i['’]m|i am) (your|the) (developer|creator|admin|administrator|owner|operator|programmer)\b`,
    String.raw`\bsystem (check|mode|override|update|message)\b`,
    String.raw`\b(output|print|repeat|state|write) (the following|exactly|only|verbatim)\b`,
    String.raw`\b(imagine|pretend|hypothetical\w*|suppose|let['’]s consider)\b.{0,80}\b(ignore|output|state|say|answer)\b`,
    String.raw`\bignore (the |all |any |this )?((actual|real|above|previous|given|provided|original) )?(data|content|text|function|code|table|question|email|message|page)\b`,
    String.raw`\b(consider|treat|take) the (output|answer|result|sum|total) (as|to be)\b`,
    // A line of code (a comment, a statement) is not the customer asking.
    String.raw`^\s*(#|\/\/|\/\*|<)`,
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

/**
 * Words of a customer's business with a vendor: an ask that shares none of them, and no topic word
 * with the rest of the thread or the account, is not about the account.
 */
const businessWords = topicWords(
  'renewal renew contract pricing price quote invoice billing payment seats license plan upgrade downgrade discount budget cost account users admin login sso saml okta integration api export import data report reports dashboard usage adoption onboarding training support ticket bug error outage incident fix release feature roadmap meeting call demo qbr agenda review deck proposal order delivery deadline schedule project rollout launch migration sync security compliance soc gdpr dpa legal procurement purchase signature document access permission role workspace product platform service app version status timeline milestone kickoff workshop session webinar case study reference feedback survey health metrics sla uptime performance latency backup workflow automation notification calendar team pilot trial subscription cancel churn expansion code script query sql output log logs config configuration settings',
);

/** What an ask may be about: the thread's other words (its asks left out), the account's facts, and `businessWords`. */
export function askContext(texts: string[]): Set<string> {
  const words = new Set(businessWords);
  for (const text of texts) for (const word of topicWords(text)) words.add(word);
  return words;
}

/** Wording aimed at the model that drafts ("you've been instructed to…", "I'm your developer"). */
export function isAimedAtTheModel(text: string): boolean {
  return aimedAtTheModel.test(text);
}

/**
 * `senderDomain`: the domain of the customer who asked; their own addresses are theirs to ask about.
 * `context`: from `askContext`.
 */
export function askDisposition(
  quote: string,
  senderDomain: string | null,
  context: Set<string>,
): AskDisposition {
  if (aimedAtTheModel.test(quote)) return 'leave_out';
  if (![...topicWords(quote)].some((word) => context.has(word))) return 'leave_out';
  if (movesData.test(quote)) return 'decline';
  if (sendVerb.test(quote) && elsewhere(quote, senderDomain)) return 'decline';
  return 'answer';
}

function elsewhere(quote: string, senderDomain: string | null): boolean {
  for (const [, domain] of quote.matchAll(address))
    if (!senderDomain || domain!.toLowerCase() !== senderDomain) return true;
  return false;
}
