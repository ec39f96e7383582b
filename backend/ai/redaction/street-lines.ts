import {
  addressCues,
  compoundStreetEndings,
  nameParticles,
  streetPrefixes,
  streetSuffixes,
  streetWordsAfterName,
  unitWords,
} from './address-words.ts';
import { lexicons } from './lexicons.ts';
import { contextBefore } from './text-context.ts';
import { adjacent, isCapitalised, type Token } from './tokens.ts';

/** Suffixes that make a street alone; the others ("Union", "Forges", "Points") need more evidence. */
const strongSuffixes = new Set(
  (
    'street st str road rd avenue ave av boulevard blvd lane ln drive dr drv terrace ter terr parkway pkwy highway ' +
    'hwy crescent cres court ct circle cir square sq alley aly plaza plz place pl close mews way wy trail trl ' +
    'expressway expy freeway fwy turnpike tpke causeway cswy row grove gardens rue via walk loop pike'
  ).split(' '),
);

const postBoxStarts = new Set([
  'p',
  'po',
  'pob',
  'postbox',
  'postfach',
  'post',
  'psc',
  'cmr',
  'unit',
  'usns',
  'usnv',
  'uss',
  'uscgc',
]);

/** Reads the tokens of one text; each matcher returns the end (exclusive) of a street line starting at `i`, or -1. */
export class StreetReader {
  /** A text without capitals (typed in lowercase) reads every word as if capitalised. */
  private readonly lowercaseText: boolean;

  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
  ) {
    this.lowercaseText = !/\p{Lu}/u.test(text);
  }

  at(i: number): Token | undefined {
    return this.tokens[i];
  }

  isNumber(i: number): boolean {
    return this.tokens[i]?.kind === 'number';
  }

  isNameWord(i: number): boolean {
    const token = this.tokens[i];
    return !!token && token.kind === 'word' && (this.lowercaseText || isCapitalised(token));
  }

  /** Tokens `i` and `i + 1` on the same line with at most a space between them. */
  joined(i: number): boolean {
    const left = this.tokens[i];
    const right = this.tokens[i + 1];
    return !!left && !!right && adjacent(this.text, left, right);
  }

  isPunct(i: number, mark: string): boolean {
    return this.tokens[i]?.kind === 'punct' && this.tokens[i]?.text === mark;
  }

  /** `i` past an abbreviation's period, when there is one right after the word. */
  skipPeriod(i: number): number {
    return this.isPunct(i, '.') && this.tokens[i - 1]?.end === this.tokens[i]?.start ? i + 1 : i;
  }

  private isEnglish(i: number): boolean {
    return lexicons().englishWords.has(this.tokens[i]?.lower ?? '');
  }

  /** An ordinal written as digits and letters: 22nd, 1st. */
  private ordinalEnd(i: number): number {
    const next = this.tokens[i + 1];
    return this.isNumber(i) &&
      next &&
      /^(st|nd|rd|th)$/i.test(next.text) &&
      this.tokens[i]?.end === next.start
      ? i + 2
      : -1;
  }

  /** "1987 74 Diakou Street", "143 West 22nd Street", "5959 Topanga Canyon Blvd". */
  numberThenSuffix(i: number): number {
    if (!this.isNumber(i)) return -1;
    let j = i + 1;
    if (this.isNumber(j) && this.joined(i)) j++;
    if (!this.joined(j - 1)) return -1;
    let end = -1;
    let oovSeen = false;
    for (let k = j, words = 0; k < this.tokens.length && words < 6; words++) {
      const ordinal = this.ordinalEnd(k);
      if (ordinal > 0) {
        k = ordinal;
      } else if (this.isNameWord(k) && !unitWords.has(this.tokens[k]!.lower)) {
        const word = this.tokens[k]!.lower;
        const suffix = streetSuffixes.has(word) && k > j;
        const strong = strongSuffixes.has(word) || (suffix && (oovSeen || end > 0));
        if (suffix && strong) end = this.skipPeriod(k + 1);
        if (!this.isEnglish(k)) oovSeen = true;
        k++;
      } else break;
      if (!this.joined(k - 1)) break;
    }
    return end;
  }

  /** "Rue Gafsa", "12 rue de la Paix", "Rua do Arenque 1634", "ul. Więckowskiego Stefana 28". */
  prefixThenName(i: number): number {
    const numbered = this.isNumber(i) && this.joined(i);
    const p = numbered ? i + 1 : i;
    const prefix = this.tokens[p];
    if (prefix?.kind !== 'word' || !streetPrefixes.has(prefix.lower)) return -1;
    if (!numbered && !isCapitalised(prefix) && prefix.lower !== 'ul' && !this.lowercaseText) return -1;
    let k = this.skipPeriod(p + 1);
    if (!this.joined(k - 1)) return -1;
    let names = 0;
    // After a house number, "rue des lieutenants Thomazo": a lowercase word or two inside the name.
    let lowercaseWords = numbered ? 2 : 0;
    while (k < this.tokens.length && names < 6) {
      const token = this.tokens[k]!;
      const particle = token.kind === 'word' && nameParticles.has(token.lower);
      const lowercase = !particle && token.kind === 'word' && !this.isNameWord(k) && lowercaseWords-- > 0;
      if (!particle && !lowercase && (!this.isNameWord(k) || unitWords.has(token.lower))) break;
      if (!particle) names++;
      k++;
      if (!this.joined(k - 1)) break;
    }
    while (k > p + 1 && !this.isNameWord(k - 1) && !this.isNumber(k)) k--;
    if (names === 0 || k <= p + 1) return -1;
    if (this.isNumber(k) && this.joined(k - 1)) return k + 1;
    return numbered ? k : -1;
  }

  /** "on Oxford Street", "at Marina Fort Street": a named street after a preposition, without a number. */
  namedStreet(i: number): number {
    const before = this.tokens[i - 1]?.lower ?? '';
    if (!['on', 'at', 'in', 'along', 'off', 'near'].includes(before) || !this.isNameWord(i)) return -1;
    for (let k = i + 1; k <= i + 3 && this.joined(k - 1); k++) {
      const word = this.tokens[k];
      if (!word || !isCapitalised(word)) return -1;
      if (strongSuffixes.has(word.lower) && word.lower.length > 3) return k + 1;
    }
    return -1;
  }

  /** "Koskikatu 25", "6750 Koskikatu 25", "Þórunnarstræti 31", "hersnapvej 18". */
  compoundThenNumber(i: number): number {
    let k = this.isNumber(i) && this.joined(i) ? i + 1 : i;
    // "C. Beerninckstraat 88", "J.F. Kennedylaan 12": initials of the person the street is named after.
    while (k - i < 4 && /^\p{Lu}$/u.test(this.tokens[k]?.text ?? '') && this.isPunct(k + 1, '.')) k += 2;
    const word = this.tokens[k];
    if (word?.kind !== 'word' || !this.isNumber(k + 1) || !this.joined(k) || this.isEnglish(k)) return -1;
    const ending = compoundStreetEndings.find(
      (e) => word.lower.endsWith(e) && word.lower.length >= e.length + 3,
    );
    return ending ? k + 2 : -1;
  }

  /** "Erzsébet tér 19.", "Piroska u. 97.", "Villacher Strasse 89", "Stensås terrasse 38". */
  nameThenStreetWord(i: number): number {
    let k = this.isNumber(i) && this.joined(i) ? i + 1 : i;
    const first = k;
    while (
      k - first < 3 &&
      this.isNameWord(k) &&
      !streetWordsAfterName.has(this.tokens[k]!.lower) &&
      this.joined(k)
    )
      k++;
    if (k === first || !streetWordsAfterName.has(this.tokens[k]?.lower ?? '')) return -1;
    k = this.skipPeriod(k + 1);
    if (!this.joined(k - 1) || !this.isNumber(k)) return -1;
    return this.skipPeriod(k + 1);
  }

  /** "1100 Louisiana, Suite 3300": a house number and a name, then a unit, say it is a street line. */
  numberNameUnit(i: number): number {
    if (!this.isNumber(i) || !this.joined(i)) return -1;
    const end = this.nameWordsEnd(i + 1, 3);
    if (end < 0) return -1;
    const unit = this.isPunct(end, ',') ? end + 1 : end;
    const word = this.tokens[unit];
    if (
      !word ||
      !unitWords.has(word.lower) ||
      !isCapitalised(word) ||
      !this.isNumber(this.skipPeriod(unit + 1))
    )
      return -1;
    return end;
  }

  /** "20789 Allika 46", "5850 Jana Nerudy 894", "6570 Jiřího z Poděbrad 1874": number, a name no English word, number. */
  numberNameNumber(i: number): number {
    if (!this.isNumber(i) || !this.joined(i)) return -1;
    const end = this.nameWordsEnd(i + 1, 4);
    if (end < 0 || !this.isNumber(end) || !this.joined(end - 1)) return -1;
    const words = this.tokens.slice(i + 1, end);
    const calendar = lexicons().calendarWords;
    if (words.some((t) => unitWords.has(t.lower) || calendar.has(t.lower) || t.text.length < 3)) return -1;
    return words.some((t) => !lexicons().englishWords.has(t.lower)) ? this.skipPeriod(end + 1) : -1;
  }

  /**
   * After "lives at", "address:", "send it to": a name and a house number ("Jana Nerudy 894"), or a
   * house number and a name ("9816 214 Pavlou Drandaki").
   */
  cuedNameNumber(i: number): number {
    const start = this.tokens[i];
    if (!start || !(this.isNumber(i) || this.isNameWord(i))) return -1;
    if (!addressCues.test(contextBefore(this.text, start.start, 40))) return -1;
    let k = i;
    while (k - i < 2 && this.isNumber(k) && this.joined(k)) k++;
    const end = this.nameWordsEnd(k, 4);
    if (end < 0) return -1;
    if (this.isNumber(end) && this.joined(end - 1)) return this.skipPeriod(end + 1);
    return k > i ? end : -1;
  }

  /** The end of 1..max capitalised words (particles between them) on one line from `i`, or -1. */
  private nameWordsEnd(i: number, max: number): number {
    let k = i;
    let names = 0;
    while (names < max && k < this.tokens.length) {
      const particle =
        nameParticles.has(this.tokens[k]?.lower ?? '') && names > 0 && !this.isNameWordStrict(k);
      if (!particle && !this.isNameWord(k)) break;
      if (!particle) names++;
      k++;
      if (!this.joined(k - 1)) break;
    }
    while (k > i && nameParticles.has(this.tokens[k - 1]!.lower) && !this.isNameWordStrict(k - 1)) k--;
    return names > 0 && k > i ? k : -1;
  }

  private isNameWordStrict(i: number): boolean {
    const token = this.tokens[i];
    return !!token && isCapitalised(token);
  }

  /** "P.O. Box 255", "PO Box 12", "Postbox 21", "PSC 3294, Box 9168", "Unit 4719 Box 7394", "USNS Bergman". */
  postBox(i: number): number {
    if (!postBoxStarts.has(this.tokens[i]?.lower ?? '')) return -1;
    const words = this.tokens.slice(i, i + 6).map((t) => t.lower);
    const boxAt = (k: number) => (words[k] === 'box' && this.isNumber(i + k + 1) ? i + k + 2 : -1);
    if (words[0] === 'p' && words[1] === '.' && words[2] === 'o') return boxAt(words[3] === '.' ? 4 : 3);
    if (words[0] === 'po' || words[0] === 'pob') return boxAt(1);
    if (words[0] === 'postbox' || words[0] === 'postfach') return this.isNumber(i + 1) ? i + 2 : -1;
    if (words[0] === 'post' && words[1] === 'office') return boxAt(2);
    if (['psc', 'cmr', 'unit'].includes(words[0] ?? '') && this.isNumber(i + 1)) {
      return boxAt(words[2] === ',' ? 3 : 2);
    }
    if (['usns', 'usnv', 'uss', 'uscgc'].includes(words[0] ?? '') && this.isNameWord(i + 1)) return i + 2;
    return -1;
  }

  /** "APO AE 09012", "FPO AP 96601", "DPO AA 34001". */
  militaryPostLine(i: number): number {
    const office = this.tokens[i]?.lower;
    if (office !== 'apo' && office !== 'fpo' && office !== 'dpo') return -1;
    if (!['aa', 'ae', 'ap'].includes(this.tokens[i + 1]?.lower ?? '')) return -1;
    return this.isNumber(i + 2) ? i + 3 : -1;
  }
}
