/**
 * Speech repeats words as it restarts ("we we decide on on going"); a cue is written for the fluent
 * form. The text without a word's immediate repeats, and for each of its characters the offset of
 * the character it came from.
 */
export interface FluentText {
  text: string;
  /** Offset in the spoken text of the fluent text's character at `index`. */
  spokenOffset(index: number): number;
}

export function fluentText(spoken: string): FluentText {
  const kept: string[] = [];
  const offsets: number[] = [];
  let previous = '';
  const words = /(\S+)(\s*)/g;
  for (let match = words.exec(spoken); match; match = words.exec(spoken)) {
    const word = match[1]!;
    const bare = word.toLowerCase().replace(/[^\p{L}\p{N}'’]/gu, '');
    // A repeat is dropped unless it carries punctuation the sentence needs ("that, that").
    if (bare !== '' && bare === previous && word.toLowerCase() === bare) continue;
    previous = bare;
    for (let i = 0; i < match[0].length; i++) {
      kept.push(match[0][i]!);
      offsets.push(match.index + i);
    }
  }
  const text = kept.join('');
  return { text, spokenOffset: (index) => (index < offsets.length ? offsets[index]! : spoken.length) };
}
