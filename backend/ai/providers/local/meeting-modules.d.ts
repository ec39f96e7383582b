// wink's English model ships the Porter (v2) stemmer as a plain function without types.
declare module 'wink-eng-lite-web-model/dist/porter-stemmer.js' {
  const stem: (word: string) => string;
  export = stem;
}
