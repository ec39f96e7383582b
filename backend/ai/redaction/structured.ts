import {
  isValidDniOrNie,
  isValidIban,
  isValidItin,
  isValidNinoPrefix,
  isValidSsn,
  passesLuhn,
} from './checksums.ts';
import type { PiiSpan } from './pii-types.ts';
import { contextBefore } from './text-context.ts';

const emailPattern =
  /[\p{L}\p{N}_%+'’-]+(?:\.+[\p{L}\p{N}_%+'’-]+)*@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

export function findEmails(text: string): PiiSpan[] {
  return [...text.matchAll(emailPattern)].map((m) => ({
    type: 'email',
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Digits with single spaces or dashes between groups, never touching another digit or a letter. */
const cardPattern = /(?<![\p{L}\p{N}-])\d(?:[ -]?\d){11,18}(?![\p{L}\p{N}]|-\d)/gu;
const cardWords =
  /\b(card|cc|credit|debit|visa|master ?card|maestro|amex|american express|discover|jcb|diners)\b/i;

/**
 * 13–19 digits that pass Luhn; 12 (short Maestro) only with a card word before them, since one in ten
 * 12-digit numbers passes Luhn by chance. Grouping must be regular (no "12 345 6 7890…" runs of numbers).
 */
export function findCards(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(cardPattern)) {
    const digits = m[0].replace(/\D/g, '');
    if (!passesLuhn(digits) || !hasCardGrouping(m[0])) continue;
    if (digits.length === 12 && !cardWords.test(contextBefore(text, m.index, 40))) continue;
    spans.push({ type: 'card', start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

function hasCardGrouping(value: string): boolean {
  const groups = value.split(/[ -]/);
  if (groups.length === 1) return true;
  if (new Set(value.match(/[ -]/g)).size > 1) return false;
  return groups.slice(0, -1).every((g) => g.length >= 4 && g.length <= 6);
}

const compactIbanPattern = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}[A-Z0-9]{11,30}(?![\p{L}\p{N}])/giu;
const spacedIbanPattern =
  /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){2,8}(?: [A-Z0-9]{1,3})?(?![\p{L}\p{N}])/giu;

/** IBANs written compact or in groups of four; a group after the IBAN (a word) is dropped until mod 97 holds. */
export function findIbans(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(compactIbanPattern)) {
    if (isValidIban(m[0])) spans.push({ type: 'iban', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(spacedIbanPattern)) {
    const groups = m[0].split(' ');
    for (let count = groups.length; count >= 3; count--) {
      const candidate = groups.slice(0, count).join(' ');
      if (!isValidIban(candidate.replace(/ /g, ''))) continue;
      spans.push({ type: 'iban', start: m.index, end: m.index + candidate.length });
      break;
    }
  }
  return spans;
}

const ssnPattern = /(?<![\p{L}\p{N}-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\p{N}]|-\d)/gu;
const taxIdWords = /\b(ssn|social security|social sec|tax ?id|taxpayer|itin|tin)\b/i;
const ninoPattern =
  /(?<![\p{L}\p{N}])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![\p{L}\p{N}])/giu;
const dniPattern = /(?<![\p{L}\p{N}])[XYZ]?\d{7,8}-?[A-Z](?![\p{L}\p{N}])/giu;
/** A label that says the next token is someone's identity number. */
const idLabelPattern =
  /\b(?:driver'?s?'? ?licen[cs]e|driving licen[cs]e|licen[cs]e|passport|national id(?:entity)?|identity card|id card|id number|personal id|dl)\b(?: ?(?:number|no\.?|num|#|id))?(?: is|:| -|#)?\s*/giu;
const idTokenPattern = /^[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])| (?=\d)){4,19}/i;

/**
 * US SSNs (dashed or spaced; nine bare digits only after a tax word) and ITINs, UK National Insurance
 * numbers, Spanish DNI/NIE (check letter), and any number right after a licence, passport or ID label.
 */
export function findNationalIds(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(ssnPattern)) {
    const [, area = '', separator, group = '', serial = ''] = m;
    if (!isValidSsn(area, group, serial) && !isValidItin(area, group)) continue;
    if (!separator && !taxIdWords.test(contextBefore(text, m.index, 40))) continue;
    spans.push({ type: 'id', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(ninoPattern)) {
    const prefix = m[1] ?? '';
    const uppercase = m[0] === m[0].toUpperCase();
    if (isValidNinoPrefix(prefix) && uppercase)
      spans.push({ type: 'id', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(dniPattern)) {
    if (isValidDniOrNie(m[0].replace('-', '')))
      spans.push({ type: 'id', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(idLabelPattern)) {
    const start = m.index + m[0].length;
    const token = idTokenPattern.exec(text.slice(start, start + 24))?.[0].trimEnd();
    if (!token || (token.match(/\d/g)?.length ?? 0) < 3) continue;
    spans.push({ type: 'id', start, end: start + token.length });
  }
  return spans;
}
