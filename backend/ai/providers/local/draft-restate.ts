/**
 * Putting the customer's words into ours: "Could you send us the quote?" becomes "send you the
 * quote", for "You asked us to …". What cannot be reworded safely is quoted as written.
 */

const maxWords = 24;

/** Openers that tie a sentence to the one before it, and a greeting or name in front of it. */
const leadIn =
  /^(?:(?:hi|hello|hey|dear)\s+[\p{L}'-]+[,!]?\s+|[\p{Lu}][\p{L}'-]+,\s+(?=\p{Ll})|(?:also|and|so|plus|lastly|finally|separately|additionally|one more thing|oh|btw|by the way|secondly|second|thirdly|third|firstly|first)\b[,:–-]?\s*)+/iu;
const trailingThanks =
  /[\s,;–-]*(?:thanks|thank you|thx|cheers)(?:\s+(?:in advance|so much|a lot))?[\s.!]*$/i;
/** A link, a bare "www." or a host name ("evil.example/x"), but not the domain of an address. */
const url =
  /\b(?:https?:\/\/|www\.)\S*|(?<![@\w.-])[a-z0-9-]{2,}(?:\.[a-z0-9-]{2,})*\.[a-z]{2,}\b(?:\/\S*)?/gi;
const address = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** Stand-ins for a link and a foreign address while the words are turned around (they hold no letters). */
const linkMark = '\uE000';
const addressMark = '\uE001';

/**
 * The sentence without its greeting, linking word or closing thanks; links (a draft never carries
 * a link from a customer's mail) and addresses outside the sender's domain stood in for, until
 * `spoken` says them as "the link you shared" and "that address".
 */
export function cleanQuote(quote: string, senderDomain: string | null): string {
  return quote
    .replace(/\s+/g, ' ')
    .trim()
    .replace(leadIn, '')
    .replace(trailingThanks, '')
    .replace(address, (found) =>
      senderDomain && found.toLowerCase().endsWith(`@${senderDomain}`) ? found : addressMark,
    )
    .replace(url, linkMark)
    .trim();
}

/** A cleaned quote, reworded or not, as the draft says it: the stand-ins in words. */
export function spoken(text: string): string {
  return text.replaceAll(linkMark, 'the link you shared').replaceAll(addressMark, 'that address');
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** At most `maxWords` words, with "…" where it was cut. */
export function clipped(text: string): string {
  const words = text.split(' ');
  if (words.length <= maxWords) return text;
  return `${words
    .slice(0, maxWords)
    .join(' ')
    .replace(/[,;:]$/, '')}…`;
}

export type Restated =
  | { form: 'us'; core: string }
  | { form: 'themselves'; core: string }
  | { form: 'question'; quote: string };

const pleaseModal =
  /^(?:please\s+|kindly\s+)?(?:could|can|would|will)\s+(you|your team|someone|somebody|one of you|we|i)\s+(?:please\s+|kindly\s+|also\s+|maybe\s+)?(.+?)[\s?.!]*$/i;
const please = /^(?:please|kindly|pls)\s+(.+?)[\s.!]*$/i;
const wouldLike = /^(?:i|we)(?:['’]d| would)\s+(?:like|love)\s+(you\s+to\s+|to\s+)?(.+?)[\s.!]*$/i;
const wouldAppreciate = /^(?:i|we)(?:['’]d| would)\s+appreciate\s+it\s+if\s+you\s+could\s+(.+?)[\s.!]*$/i;
const askingFor = /^(?:any|an)\s+(updates?|news|word|eta)\s+on\s+(.+?)[\s?.!]*$/i;

/** What an ask wants, in our words when a request's usual forms allow; otherwise the question as written. */
export function restateAsk(cleaned: string): Restated {
  const modal = pleaseModal.exec(cleaned);
  if (modal) {
    const who = modal[1]!.toLowerCase();
    const core = clipped(ourWords(modal[2]!));
    return who === 'we' || who === 'i' ? { form: 'themselves', core } : { form: 'us', core };
  }
  const appreciate = wouldAppreciate.exec(cleaned);
  if (appreciate) return { form: 'us', core: clipped(ourWords(appreciate[1]!)) };
  const like = wouldLike.exec(cleaned);
  if (like) {
    const core = clipped(ourWords(like[2]!));
    if (like[1]?.startsWith('you')) return { form: 'us', core };
    if (like[1]) return { form: 'themselves', core };
    return { form: 'us', core: `share ${core}` };
  }
  const update = askingFor.exec(cleaned);
  if (update) return { form: 'us', core: `give you an update on ${ourWords(update[2]!)}` };
  const polite = please.exec(cleaned);
  if (polite) return { form: 'us', core: clipped(ourWords(polite[1]!)) };
  return { form: 'question', quote: clipped(cleaned) };
}

/** Words after which "you" is the one doing something ("when you have"), not the one receiving it. */
const doerVerbs =
  /^(?:are|were|have|had|will|would|can|could|should|might|must|need|want|do|did|know|think|get|guys|all|expect|plan)$/i;
const swaps: Record<string, string> = {
  i: 'you',
  me: 'you',
  my: 'your',
  mine: 'yours',
  myself: 'yourself',
  we: 'you',
  us: 'you',
  our: 'your',
  ours: 'yours',
  ourselves: 'yourselves',
  your: 'our',
  yours: 'ours',
  yourself: 'myself',
  yourselves: 'ourselves',
  "i'm": "you're",
  "we're": "you're",
  "i've": "you've",
  "we've": "you've",
  "i'll": "you'll",
  "we'll": "you'll",
  "i'd": "you'd",
  "we'd": "you'd",
  "you're": "we're",
  "you'll": "we'll",
  "you've": "we've",
  "you'd": "we'd",
  am: 'are',
};

/** The customer's first and second persons swapped, so that the sentence is ours to say. */
export function ourWords(text: string): string {
  const words = text.split(/(\s+)/);
  let previous = '';
  return words
    .map((word, index) => {
      if (/^\s+$/.test(word)) return word;
      const match = /^([\p{L}'’]+)(.*)$/u.exec(word);
      if (!match) return word;
      const [, bare, rest] = match as unknown as [string, string, string];
      const key = bare.toLowerCase().replace('’', "'");
      let swapped = swaps[key];
      if (key === 'you') swapped = doerVerbs.test(words[index + 2] ?? '') ? 'we' : 'us';
      if (key === 'am' && previous !== 'i') swapped = undefined;
      if (key === 'was' && previous === 'i') swapped = 'were';
      previous = key;
      if (!swapped) return word;
      return `${bare[0] === bare[0]?.toUpperCase() && key !== 'i' ? capitalized(swapped) : swapped}${rest}`;
    })
    .join('');
}

const ourFuture =
  /\b(?:i|we)(?:['’]ll|\s+will|\s+shall|\s+am going to|\s+are going to|['’]m going to|['’]re going to|\s+plan to|\s+promise to)\s+(.+?)[\s.!]*$/i;
const letMe = /\blet me\s+(.+?)[\s.!]*$/i;

/** What we promised, as "send the revised SOW by Thursday", from "I'll send the revised SOW by Thursday."; null when the promise has another form. */
export function promiseCore(quote: string): string | null {
  const text = quote.replace(/\s+/g, ' ').trim();
  const found = ourFuture.exec(text) ?? letMe.exec(text);
  if (!found) return null;
  return clipped(
    found[1]!.replace(url, 'the link').replace(/\s+and\s+(?:i|we)(?:['’]ll| will)\s+/i, ' and '),
  );
}
