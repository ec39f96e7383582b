/**
 * The runs of words in a meeting topic that could be a customer's name. "Acme Robotics × OurCo — Q3
 * renewal review" has the parts "Acme Robotics", "OurCo" and "Q3 renewal review"; every run of whole
 * words inside a part is a gram ("Acme Robotics", "Acme", "Robotics", …). A gram is the topic's own
 * text: the database keys it with the same function as customer names (`cscx_name_key`), so case,
 * accents and punctuation inside a name ("AT&T", "Coca-Cola") are compared alike on both sides.
 */
export interface TopicGram {
  text: string;
  /** Which part of the topic, and the words it spans in it: for picking the longest of overlapping matches. */
  part: number;
  firstWord: number;
  words: number;
}

/**
 * What people put between the parties and the subject of a meeting: "×", an "x" or "vs" between
 * words, "|", "/", "<>", spaced dashes, en and em dashes, colons, commas, brackets, "with".
 * "&", "+" and "and" are not here: they join names too ("Procter & Gamble"), so a gram may span them.
 */
const partBreak = /\s+(?:x|vs\.?|with|w\/|-{1,2})\s+|<+-*>+|<->|[×✕✖⨯|/\\:;,()[\]{}–—―•·@↔→⇄]/giu;

/** A word: letters, digits and marks; "&" and "+" stand alone so "AT&T" is three words spanned by one gram. */
const word = /[&+]|[^\s\p{P}\p{S}]+/gu;

const joiners = new Set(['&', '+', 'and']);

/** Words that never name a customer on their own in a meeting's name. */
const meetingWords = new Set(
  `weekly biweekly monthly quarterly annual yearly daily sync check checkin qbr ebr review business kickoff kick
   onboarding call meeting demo catch catchup up intro introduction renewal planning plan session update standup
   the a an of for to on at in re fw fwd our team internal external prep follow followup touchbase touch base
   workshop training roadmap strategy discussion chat call meet office hours`.split(/\s+/),
);
const periodWord = /^(?:q[1-4]|h[12]|fy\d{2,4}|\d+)$/i;

const maxWordsPerGram = 8;
const maxGrams = 400;

export function topicGrams(topic: string): TopicGram[] {
  const grams: TopicGram[] = [];
  for (const [index, part] of topic.split(partBreak).entries()) {
    const words = [...part.matchAll(word)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    for (const [first, head] of words.entries()) {
      for (let n = 1; n <= maxWordsPerGram && first + n <= words.length; n++) {
        const tail = words[first + n - 1];
        if (!tail) break;
        const text = part.slice(head.start, tail.end);
        const ends = [part.slice(head.start, head.end), part.slice(tail.start, tail.end)];
        if (ends.some(isJoiner) || (n === 1 && isNoise(text))) continue;
        grams.push({ text, part: index, firstWord: first, words: n });
        if (grams.length === maxGrams) return grams;
      }
    }
  }
  return grams;
}

function isJoiner(text: string): boolean {
  return joiners.has(text.toLowerCase());
}

function isNoise(text: string): boolean {
  return text.length < 2 || periodWord.test(text) || meetingWords.has(text.toLowerCase());
}

/**
 * Of the grams that named a customer, the ones the topic really says: the longest first, and none
 * inside a longer one ("Acme Robotics" is not also "Acme").
 */
export function longestNonOverlapping<T extends TopicGram>(named: readonly T[]): T[] {
  const kept: T[] = [];
  const byLength = [...named].sort(
    (a, b) => b.words - a.words || a.part - b.part || a.firstWord - b.firstWord,
  );
  for (const gram of byLength) {
    const overlaps = kept.some(
      (k) =>
        k.part === gram.part &&
        gram.firstWord < k.firstWord + k.words &&
        k.firstWord < gram.firstWord + gram.words &&
        !(k.firstWord === gram.firstWord && k.words === gram.words),
    );
    if (!overlaps) kept.push(gram);
  }
  return kept;
}

/**
 * The org's own names as a topic would show them: its name, and the name part of each own domain
 * (`ourco.com` and `eu.ourco.co.uk` say "ourco"). A topic names both parties; ours is noise.
 */
export function ownNames(orgDomains: readonly string[]): string[] {
  const secondLevel = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ltd', 'plc']);
  return orgDomains.flatMap((domain) => {
    const labels = domain.split('.').slice(0, -1);
    while (labels.length > 1 && secondLevel.has(labels.at(-1) ?? '')) labels.pop();
    const name = labels.at(-1);
    return name ? [name] : [];
  });
}

/**
 * How a participant's display name is looked up among contacts' names: as shown, and without what
 * people append to it in Zoom ("Ana Silva (Acme)", "Raj Patel | Acme", "Li Wei - she/her").
 */
export function participantNameVariants(names: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    variants.add(name);
    const bare = name
      .replace(/\s*[([{].*$/u, '')
      .split(/\s+[|•·–—-]\s+|\s*[|•·]\s*/u)[0]
      ?.trim();
    if (bare) variants.add(bare);
  }
  return [...variants].slice(0, 200);
}
