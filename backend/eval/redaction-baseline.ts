import type { PiiSpan, PiiType } from '../ai/redaction/pii-types.ts';

/**
 * What a quick redactor would do: one regex per structured type (no checksum, no context) and
 * capitalised-word runs for names (a house number before the run makes it an address instead).
 */
const patterns: [PiiType, RegExp][] = [
  ['email', /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g],
  ['iban', /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/gi],
  ['id', /\b\d{3}-\d{2}-\d{4}\b/g],
  ['card', /\b(?:\d[ -]?){12,18}\d\b/g],
  ['phone', /(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}\b/g],
  ['address', /\b\d{1,6}(?: \p{Lu}[\p{L}.]*)+/gu],
  ['person', /\p{Lu}[\p{Ll}'’-]+(?: \p{Lu}[\p{Ll}'’-]+)*/gu],
];

export function findPiiBaseline(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const [type, pattern] of patterns) {
    for (const m of text.matchAll(pattern)) {
      const span: PiiSpan = { type, start: m.index, end: m.index + m[0].length };
      if (!spans.some((s) => s.start < span.end && span.start < s.end)) spans.push(span);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
