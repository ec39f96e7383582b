/**
 * How dates are written in the page's language, from the browser's own locale data (the same CLDR
 * tables Calendar formats with): month names long and short, standalone and inside a date ("avril",
 * "avr.", "März"), and the order of a numeric date ("26.04.2026" vs "4/26/2026"). English is always
 * understood as well.
 */
export interface DateWords {
  /** Normalised month name → month number (1–12). */
  months: ReadonlyMap<string, number>;
  /** Order of day, month and year in a numeric date of this locale. */
  numericOrder: readonly NumericPart[];
}

export type NumericPart = 'day' | 'month' | 'year';

const cache = new Map<string, DateWords>();

export function dateWordsFor(locale: string): DateWords {
  const known = supportedLocale(locale);
  const cached = cache.get(known);
  if (cached) return cached;
  const words = { months: monthNames([known, 'en', 'en-GB']), numericOrder: numericOrderOf(known) };
  cache.set(known, words);
  return words;
}

/** Lower-cased, accents kept, without the abbreviation's dot: "Févr." → "févr". */
export function normaliseWord(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(/\.$/, '');
}

function supportedLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale])[0] ?? 'en';
  } catch {
    return 'en';
  }
}

function monthNames(locales: string[]): Map<string, number> {
  const names = new Map<string, number>();
  const styles = ['long', 'short'] as const;
  for (const locale of locales) {
    for (let month = 1; month <= 12; month++) {
      const date = new Date(Date.UTC(2026, month - 1, 15));
      for (const style of styles) {
        const alone = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' }).format(date);
        const inDate = new Intl.DateTimeFormat(locale, { month: style, day: 'numeric', timeZone: 'UTC' })
          .formatToParts(date)
          .find((p) => p.type === 'month')?.value;
        for (const name of [alone, inDate]) {
          if (name && !/\d/.test(name)) names.set(normaliseWord(name), month);
        }
      }
    }
  }
  // CLDR's English short September is "Sep"; Calendar and people also write "Sept".
  names.set('sept', 9);
  return names;
}

function numericOrderOf(locale: string): NumericPart[] {
  const parts = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  }).formatToParts(new Date(Date.UTC(2026, 3, 26)));
  const order = parts
    .map((p) => p.type)
    .filter((type): type is NumericPart => type === 'day' || type === 'month' || type === 'year');
  return order.length === 3 ? order : ['month', 'day', 'year'];
}
