import { type PiiSpan, type PiiType, piiTypes } from '../ai/redaction/pii-types.ts';
import type { EnronThread, GoldText } from './redaction-datasets.ts';

export interface TypeScore {
  gold: number;
  predicted: number;
  exact: { precision: number; recall: number };
  overlap: { precision: number; recall: number };
  /** Share of the marked characters (spaces aside) that no redaction of any type covers. */
  leaked: number;
}

interface Tally {
  gold: number;
  goldExact: number;
  goldOverlap: number;
  predicted: number;
  predExact: number;
  predOverlap: number;
  goldChars: number;
  leakedChars: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;
const same = (a: PiiSpan, b: PiiSpan) => a.start === b.start && a.end === b.end;

/**
 * Per type: a prediction is right (exact) when a marked span of its type has the same bounds, or
 * (overlap) when it shares a character with one. A prediction on nothing marked, or on an entity that
 * is not ours (an organisation, a date), is wrong; an address on a lone place or postcode counts for
 * neither side. Leaks are counted whatever type covered the characters.
 */
export function scorePresidio(
  texts: readonly GoldText[],
  predict: (text: string) => PiiSpan[],
): Record<PiiType, TypeScore> {
  const tallies = Object.fromEntries(piiTypes.map((t) => [t, emptyTally()])) as Record<PiiType, Tally>;
  for (const item of texts) {
    const predicted = predict(item.text);
    for (const gold of item.gold) {
      const tally = tallies[gold.type];
      tally.gold++;
      const ofType = predicted.filter((p) => p.type === gold.type);
      if (ofType.some((p) => same(p, gold))) tally.goldExact++;
      if (ofType.some((p) => overlaps(p, gold))) tally.goldOverlap++;
      const [chars, leaked] = leakedCharacters(item.text, gold, predicted);
      tally.goldChars += chars;
      tally.leakedChars += leaked;
    }
    for (const p of predicted) {
      const ofType = item.gold.filter((g) => g.type === p.type);
      const hit = ofType.some((g) => overlaps(p, g));
      if (!hit && p.type === 'address' && item.neutralForAddress.some((n) => overlaps(p, n))) continue;
      const tally = tallies[p.type];
      tally.predicted++;
      if (ofType.some((g) => same(p, g))) tally.predExact++;
      if (hit) tally.predOverlap++;
    }
  }
  return Object.fromEntries(piiTypes.map((t) => [t, toScore(tallies[t])])) as Record<PiiType, TypeScore>;
}

export interface EnronScore {
  mentions: number;
  exactRecall: number;
  overlapRecall: number;
  leaked: number;
}

export interface EnronScores {
  groups: Record<string, EnronScore>;
  /** Person spans predicted outside every annotated mention: names the annotators did not mark, or over-redaction. */
  personOutsideMentions: { predicted: number; outside: number };
}

/** Recall on real mail, whatever type the redaction had: an email address counts as covered by EMAIL. */
export function scoreEnron(
  threads: readonly EnronThread[],
  predict: (text: string) => PiiSpan[],
): EnronScores {
  const tallies = new Map<string, Tally>();
  let personPredicted = 0;
  let personOutside = 0;
  for (const thread of threads) {
    const predicted = predict(thread.text);
    for (const mention of thread.mentions) {
      for (const group of enronGroups(mention)) {
        const tally = tallies.get(group) ?? emptyTally();
        tallies.set(group, tally);
        tally.gold++;
        const span: PiiSpan = { type: 'person', start: mention.start, end: mention.end };
        if (predicted.some((p) => same(p, span))) tally.goldExact++;
        if (predicted.some((p) => overlaps(p, span))) tally.goldOverlap++;
        const [chars, leaked] = leakedCharacters(thread.text, span, predicted);
        tally.goldChars += chars;
        tally.leakedChars += leaked;
      }
    }
    for (const p of predicted.filter((s) => s.type === 'person')) {
      personPredicted++;
      if (!thread.annotated.some((m) => overlaps(p, m))) personOutside++;
    }
  }
  const groups: Record<string, EnronScore> = {};
  for (const [group, tally] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
    const score = toScore(tally);
    groups[group] = {
      mentions: tally.gold,
      exactRecall: score.exact.recall,
      overlapRecall: score.overlap.recall,
      leaked: score.leaked,
    };
  }
  return { groups, personOutsideMentions: { predicted: personPredicted, outside: personOutside } };
}

/**
 * The groups a mention is reported in: an email address; a name (a capitalised word); a lowercase
 * phrase ("everyone", "the group"); for locations, a street address (with a digit) or a place.
 */
function enronGroups(mention: EnronThread['mentions'][number]): string[] {
  if (mention.type === 'LOC') return [/\d/.test(mention.text) ? 'LOC street address' : 'LOC place'];
  const group = mention.text.includes('@')
    ? 'PER email address'
    : /(^|\s)\p{Lu}/u.test(mention.text)
      ? 'PER capitalised'
      : 'PER lowercase phrase';
  return ['PER (non-pronoun)', group];
}

function leakedCharacters(text: string, gold: PiiSpan, predicted: readonly PiiSpan[]): [number, number] {
  let chars = 0;
  let leaked = 0;
  for (let i = gold.start; i < gold.end; i++) {
    if (/\s/.test(text[i] ?? '')) continue;
    chars++;
    if (!predicted.some((p) => p.start <= i && i < p.end)) leaked++;
  }
  return [chars, leaked];
}

function emptyTally(): Tally {
  return {
    gold: 0,
    goldExact: 0,
    goldOverlap: 0,
    predicted: 0,
    predExact: 0,
    predOverlap: 0,
    goldChars: 0,
    leakedChars: 0,
  };
}

const ratio = (part: number, whole: number) => (whole === 0 ? Number.NaN : part / whole);

function toScore(t: Tally): TypeScore {
  return {
    gold: t.gold,
    predicted: t.predicted,
    exact: { precision: ratio(t.predExact, t.predicted), recall: ratio(t.goldExact, t.gold) },
    overlap: { precision: ratio(t.predOverlap, t.predicted), recall: ratio(t.goldOverlap, t.gold) },
    leaked: ratio(t.leakedChars, t.goldChars),
  };
}
