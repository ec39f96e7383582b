import { headerLine } from './name-cues.ts';
import type { PiiSpan } from './pii-types.ts';

const word = "\\p{Lu}[\\p{L}'’-]*";
const surname = `${word}(?: - ${word})?(?: (?:Jr|Sr|II|III|IV)\\.?)?`;
const given = `${word}(?: ${word})?(?: \\p{Lu}\\.?)?`;
/** "Allen , Phillip K." between list separators; pairs are read left to right, so "A , B , C , D" is two names. */
const surnameFirst = new RegExp(`(?<![\\p{L}@./])${surname} ?, ?${given}(?=\\s*(?:[,;<(]|$))`, 'gu');

/**
 * Names in From / To / Cc lines written "Surname, Given" (Outlook's quoted headers). The surname may
 * be any capitalised word ("Stock, Steve", "Cash, Michelle"), which the name scorer would not take alone.
 */
export function findHeaderNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon >= 0 && headerLine.test(line)) {
      for (const m of line.slice(colon + 1).matchAll(surnameFirst)) {
        const start = lineStart + colon + 1 + m.index;
        spans.push({ type: 'person', start, end: start + m[0].length });
      }
    }
    lineStart += line.length + 1;
  }
  return spans;
}
