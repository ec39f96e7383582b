import { createRequire } from 'node:module';

/**
 * Word lists read from packages that ship their data (nothing here comes from a name generator or
 * from the evaluation sets): compromise's lexicon for given names, surnames, honorifics, places and
 * organisations, and wink's English vocabulary (87k lexemes, from which proper names are absent) to
 * tell a capitalised common word ("Battery", "Thanks") from a name ("Szöllösy").
 */
export interface Lexicons {
  givenNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  /** Given names that compromise marks as also something else ("mark", "grace", "bill"). */
  ambiguousGivenNames: ReadonlySet<string>;
  honorifics: ReadonlySet<string>;
  places: ReadonlySet<string>;
  organisations: ReadonlySet<string>;
  /** Words that end an organisation's name ("bank", "university", "inc"). */
  organisationWords: ReadonlySet<string>;
  calendarWords: ReadonlySet<string>;
  demonyms: ReadonlySet<string>;
  englishWords: ReadonlySet<string>;
}

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
  two: { switches: Record<string, string>; orgWords: Record<string, unknown> };
}

const require = createRequire(import.meta.url);
let loaded: Lexicons | undefined;

/** Loaded once, on first use (≈ 0.5 s cold): keep the first call off a request that cannot wait. */
export function lexicons(): Lexicons {
  loaded ??= loadLexicons();
  return loaded;
}

function loadLexicons(): Lexicons {
  const compromise = require('compromise/two') as { model(): CompromiseModel };
  const { one, two } = compromise.model();
  const wink = require('wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json') as {
    features: { lexeme: { list: string[] } };
  };
  const byTag = new Map<string, Set<string>>();
  for (const [word, tags] of Object.entries(one.lexicon)) {
    for (const tag of Array.isArray(tags) ? tags : [tags]) {
      const words = byTag.get(tag) ?? new Set<string>();
      byTag.set(tag, words.add(word));
    }
  }
  const tagged = (...tags: string[]) => new Set(tags.flatMap((tag) => [...(byTag.get(tag) ?? [])]));
  const englishWords = new Set(wink.features.lexeme.list.filter((w) => /^\p{Ll}/u.test(w)));
  const ambiguousGivenNames = new Set(
    Object.entries(two.switches)
      .filter(([, tag]) => tag.startsWith('Person|'))
      .map(([word]) => word),
  );
  const givenNames = tagged('FirstName', 'MaleName', 'FemaleName');
  for (const word of ambiguousGivenNames) givenNames.add(word);
  return {
    givenNames,
    surnames: tagged('LastName'),
    ambiguousGivenNames,
    honorifics: tagged('Honorific'),
    places: tagged('City', 'Country', 'Region', 'Place'),
    organisations: tagged('Organization', 'SportsTeam'),
    organisationWords: new Set(Object.keys(two.orgWords)),
    calendarWords: tagged('Month', 'WeekDay'),
    demonyms: tagged('Demonym'),
    englishWords,
  };
}
