import { findAddresses } from './addresses.ts';
import { findPeople } from './people.ts';
import { findPhones } from './phones.ts';
import type { FindPiiOptions, PiiSpan, PiiType } from './pii-types.ts';
import { findCards, findEmails, findIbans, findNationalIds } from './structured.ts';
import { tokenize } from './tokens.ts';

/** When two finds overlap, the earlier type wins: a checksum or an @ is better evidence than a shape. */
const priority: readonly PiiType[] = ['email', 'iban', 'card', 'id', 'phone', 'address', 'person'];

/**
 * Every piece of personal data in `text`, in order, none overlapping. `namesSeen` are people found in
 * earlier texts of the same model call, looked for again here like the org's contacts.
 */
export function findPii(
  text: string,
  options: FindPiiOptions = {},
  namesSeen: readonly string[] = [],
): PiiSpan[] {
  const tokens = tokenize(text);
  const structured = [...findEmails(text), ...findIbans(text), ...findCards(text), ...findNationalIds(text)];
  const taken = resolveOverlaps(text, [...structured, ...findPhones(text), ...findAddresses(text, tokens)]);
  return resolveOverlaps(text, [...taken, ...findPeople(text, tokens, options, taken, namesSeen)]);
}

/**
 * Keeps the better of overlapping spans. An address that runs into a phone number below it is cut
 * where the number starts rather than dropped: its street lines are still an address.
 */
function resolveOverlaps(text: string, spans: readonly PiiSpan[]): PiiSpan[] {
  const ranked = [...spans].sort(
    (a, b) => priority.indexOf(a.type) - priority.indexOf(b.type) || a.start - b.start || b.end - a.end,
  );
  const kept: PiiSpan[] = [];
  for (const span of ranked) {
    let candidate: PiiSpan | undefined = span;
    for (const other of kept) {
      if (!candidate || other.end <= candidate.start || candidate.end <= other.start) continue;
      candidate =
        candidate.type === 'address' && other.start > candidate.start
          ? cutBefore(text, candidate, other.start)
          : undefined;
    }
    if (candidate) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function cutBefore(text: string, span: PiiSpan, at: number): PiiSpan | undefined {
  const end =
    span.start +
    text
      .slice(span.start, at)
      .trimEnd()
      .replace(/[\s,;(]+$/, '').length;
  return end > span.start ? { ...span, end } : undefined;
}
