import { createRandom, type Random } from '../demo/random.ts';

/**
 * A scripted CSM for `cscx eval style`: habits drawn per seed from a space wider than the style
 * profile's fields, some of which it cannot capture at all (greeting by full name, a title under
 * the name, dates written short, reordered paragraphs, a postscript with a date in it), so the
 * eval shows how far learning gets on habits like a person's, not on the profile's own terms.
 */
export interface CsmHabits {
  greeting: string;
  /** "Hey Priya Raman," rather than "Hey Priya,". */
  greetsByFullName: boolean;
  signOff: string;
  signature: 'first name' | 'full name' | 'name and title';
  cuts: Cut[];
  adds: { sentence: string; where: 'top' | 'bottom' }[];
  /** Trims the message to this many words, from the end of the body; null: never trims. */
  trimTo: number | null;
  register: 'casual' | 'plain' | 'formal';
  /** Puts the second paragraph of the body first. */
  reorders: boolean;
  /** "Wednesday, November 25" becomes "Wed Nov 25". */
  shortDates: boolean;
}

interface Cut {
  name: string;
  /** A sentence that matches goes; with `words`, only the match goes. */
  pattern: RegExp;
  words?: true;
}

const greetings = ['Hey', 'Hi', 'Hello', 'Good morning', 'Hiya', 'Dear', 'Morning', 'Hi there'];
const signOffs = [
  'Cheers,',
  'Best,',
  'Thanks,',
  'Talk soon,',
  'Many thanks,',
  'Warmly,',
  'Kind regards,',
  'All the best,',
  'Thanks!',
  'Speak soon,',
];
const cutSpace: Cut[] = [
  { name: 'call offers', pattern: /\b(?:quick|short|\d+-minute) call\b|\bcatch up\b/i },
  { name: '"I hope…" small talk', pattern: /\bI (?:hope|trust) (?:all|you|your|things|this)\b/i },
  { name: 'partnership thanks', pattern: /\bpartner(?:ship)?\b/i },
  { name: 'hedges', pattern: /\b(?:really|just|so much|truly|always)\s+/gi, words: true },
  { name: 'apologies', pattern: /\b(?:sorry|apologi[sz]e|apologies)\b/i },
  { name: 'offers of more help', pattern: /\b(?:happy to help|let me know if|hesitate|anything else)\b/i },
  {
    name: 'restating the ask',
    pattern:
      /^(?:You asked|You mentioned|Your request|Thanks for asking|On your question|Great question|Regarding your question|You enquired|You requested|You want)\b/i,
  },
  { name: 'urgency remarks', pattern: /\b(?:time-sensitive|urgent|priority|can['’]t wait)\b/i },
];
const addSpace = [
  'Let me know if you have any questions.',
  'Happy to jump on a quick call if that is easier.',
  'Hope the rest of your week goes well.',
  'Looping in our support lead as well.',
  'P.S. Our roadmap webinar is on the 14th, invite to follow.',
  'Talk soon.',
];

export function drawHabits(seed: number): CsmHabits {
  const random = createRandom('cscx-eval-style', seed);
  return {
    greeting: random.pick(greetings),
    greetsByFullName: random.chance(0.2),
    signOff: random.pick(signOffs),
    signature: random.weighted([
      ['first name', 5],
      ['full name', 3],
      ['name and title', 2],
    ] as const),
    cuts: sample(random, cutSpace, random.int(1, 3)),
    adds: sample(random, addSpace, random.int(0, 2)).map((sentence) => ({
      sentence,
      where: random.chance(0.7) ? ('bottom' as const) : ('top' as const),
    })),
    trimTo: random.chance(0.5) ? random.int(45, 100) : null,
    register: random.weighted([
      ['casual', 2],
      ['plain', 2],
      ['formal', 1],
    ] as const),
    reorders: random.chance(0.25),
    shortDates: random.chance(0.3),
  };
}

/**
 * Habits that move text (paragraphs swapped, a sentence written at the top): the profile has no
 * field for where things go, and a word-level distance counts a move twice.
 */
export function movesText(h: CsmHabits): boolean {
  return h.reorders || h.adds.some((a) => a.where === 'top');
}

export function describeHabits(h: CsmHabits): string {
  const parts = [
    `"${h.greeting}"${h.greetsByFullName ? ' + full name' : ''}`,
    `"${h.signOff}" + ${h.signature}`,
  ];
  if (h.cuts.length > 0) parts.push(`cuts ${h.cuts.map((c) => c.name).join(', ')}`);
  for (const add of h.adds) parts.push(`adds "${add.sentence}" at the ${add.where}`);
  if (h.trimTo) parts.push(`trims to ${h.trimTo} words`);
  if (h.register !== 'plain') parts.push(h.register);
  if (h.reorders) parts.push('reorders');
  if (h.shortDates) parts.push('short dates');
  return parts.join('; ');
}

/** Who the CSM is writing as and to. */
export interface Correspondents {
  recipient: string;
  sender: string;
  senderTitle: string;
}

/**
 * What the CSM sends of a draft: they read it as a greeting line, paragraphs and a sign-off block
 * (blank lines between), and rewrite it their way.
 */
export function editAsCsm(h: CsmHabits, draft: string, who: Correspondents): string {
  const blocks = draft.split(/\n\s*\n/).map((b) => b.trim());
  let paragraphs = blocks.slice(1, -1).map(sentencesOf);
  paragraphs = paragraphs.map((p) => p.flatMap((s) => cut(h, s))).filter((p) => p.length > 0);
  if (h.reorders && paragraphs.length > 1)
    paragraphs = [paragraphs[1]!, paragraphs[0]!, ...paragraphs.slice(2)];
  let body = paragraphs.map((p) => p.map((s) => inRegister(h, s)).map((s) => withDates(h, s)));
  const greeting = `${h.greeting} ${h.greetsByFullName ? who.recipient : firstName(who.recipient)},`;
  const signature = {
    'first name': firstName(who.sender),
    'full name': who.sender,
    'name and title': `${who.sender}\n${who.senderTitle}`,
  }[h.signature];
  const closing = `${h.signOff}\n${signature}`;
  if (h.trimTo) body = trimmed(body, h.trimTo - words(greeting) - words(closing));
  // What the draft says already is not added again.
  const said = body.flat().join(' ');
  const missing = h.adds.filter((a) => !said.includes(a.sentence.replace(/\.$/, '')));
  const top = missing.filter((a) => a.where === 'top').map((a) => a.sentence);
  const bottom = missing.filter((a) => a.where === 'bottom').map((a) => a.sentence);
  if (top.length > 0) body.unshift(top);
  if (bottom.length > 0) body.push(bottom);
  return [greeting, ...body.map((p) => p.join(' ')), closing].join('\n\n');
}

function sentencesOf(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?…]["”]?)\s+(?=["“A-Z])/).filter(Boolean);
}

function cut(h: CsmHabits, sentence: string): string[] {
  let text = sentence;
  for (const c of h.cuts) {
    if (c.words) text = text.replace(c.pattern, '');
    else if (c.pattern.test(text)) return [];
  }
  return text.trim() ? [text.trim()] : [];
}

const contractions: [RegExp, string][] = [
  [/\bI will\b/g, "I'll"],
  [/\bI am\b/g, "I'm"],
  [/\bI would\b/g, "I'd"],
  [/\bI have\b/g, "I've"],
  [/\b([Yy]ou|[Ww]e) will\b/g, "$1'll"],
  [/\b([Ww]e|[Yy]ou) are\b/g, "$1're"],
  [/\b([Ii]t|[Tt]hat|[Tt]here) is\b/g, "$1's"],
  [/\b([Dd]o|[Dd]oes|[Ii]s) not\b/g, "$1n't"],
  [/\bwill not\b/g, "won't"],
  [/\bcannot\b/g, "can't"],
];
const expansions: [RegExp, string][] = [
  [/\bcan['’]t\b/gi, 'cannot'],
  [/\bwon['’]t\b/gi, 'will not'],
  [/\blet['’]s\b/gi, 'let us'],
  [/\b(it|that|there|here|what)['’]s\b/gi, '$1 is'],
  [/n['’]t\b/g, ' not'],
  [/['’]ll\b/g, ' will'],
  [/['’]re\b/g, ' are'],
  [/['’]ve\b/g, ' have'],
  [/['’]m\b/g, ' am'],
  [/['’]d\b/g, ' would'],
  [/!/g, '.'],
];

function inRegister(h: CsmHabits, sentence: string): string {
  const rules = h.register === 'casual' ? contractions : h.register === 'formal' ? expansions : [];
  return rules.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), sentence);
}

const longDate =
  /\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{1,2})\b/g;

function withDates(h: CsmHabits, sentence: string): string {
  return h.shortDates
    ? sentence.replace(
        longDate,
        (_, day: string, month: string, date: string) => `${day.slice(0, 3)} ${month} ${date}`,
      )
    : sentence;
}

/**
 * Sentences dropped until the body fits: the closing paragraph's from its end, then the opening
 * paragraph's. The answers in between stay, however long: a CSM trims the talk, not the answers.
 */
function trimmed(body: string[][], maxWords: number): string[][] {
  const out = body.map((p) => [...p]);
  const total = () => out.flat().reduce((sum, s) => sum + words(s), 0);
  const order = out.length > 1 ? [out.length - 1, 0] : [];
  for (const p of order) while (total() > maxWords && out[p]!.length > 0) out[p]!.pop();
  return out.filter((p) => p.length > 0);
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function firstName(name: string): string {
  return name.split(/\s+/)[0] ?? name;
}

function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0)
    picked.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!);
  return picked;
}
