// wink's English model ships the Porter (v2) stemmer as a plain function without types.
declare module 'wink-eng-lite-web-model/dist/porter-stemmer.js' {
  const stem: (word: string) => string;
  export = stem;
}

// VADER's word list (word → valence), the one it scores with; the package ships no types.
declare module 'vader-sentiment/src/vader_lexicon.js' {
  export const lexicon: Record<string, number>;
}
