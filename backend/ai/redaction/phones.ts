import type { PiiSpan } from './pii-types.ts';
import { contextAfter, contextBefore } from './text-context.ts';

/** Digits with spaces, dots, dashes and parentheses between them, and an optional extension. */
const phonePattern =
  /(?<![\p{L}\p{N}+./-])(?<!\d,)\+?\(?\d[\d ().-]{5,24}\d(?: ?(?:x|ext\.?|extension) ?\d{1,6})?(?![\p{L}\p{N}]|[.,/]\d)/giu;
/** Separators one at a time, parentheses only around 1–4 digits. */
const wellFormed =
  /^\+?(?:\(\d{1,4}\)|\d+)(?:(?:[ .-]|(?<=\))|(?=\())(?:\(\d{1,4}\)|\d+))*(?: ?(?:x|ext\.?|extension) ?\d{1,6})?$/i;

const extension = /(?:x|ext\.?|extension|#) ?\d{1,6}$/i;
const northAmerican = /^(?:\+?1[ .-]?|001[ .-])?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}$/;
/** National numbers with a trunk 0 and at least ten digits, e.g. 07700 900 123, 0341 8387176. */
const nationalWithTrunk = /^0\d{1,4}[ .-]\d{2,4}(?:[ .-]\d{2,4}){0,3}$/;
const datePrefix = /^(\d{1,4})[-./](\d{1,2})[-./](\d{1,4})(?= |$)/;

/** Words near a number that say it is a phone number. */
const phoneWordsBefore =
  /\b(phone|tel|telephone|mobile|mob|cell|cellphone|fax|desk|office|work|home|direct|landline|call|calling|ring|dial|text|sms|whatsapp|reach|contact|number|no)\b[^\d]{0,24}$|(^|\s)(m|t|p|f|ph)\.?:\s*$/i;
const phoneWordsAfter = /^\W{0,3}(office|fax|mobile|cell|home|work|desk|direct|tel|phone|\(?[omhwf]\)?)\b/i;
/** Words before a number that say it is something else: an order, an invoice, an amount, a date. */
const otherNumberWords =
  /(?:\b(?:order|invoice|inv|ticket|ref|reference|case|tracking|account|acct|serial|sku|po|receipt|transaction|confirmation|booking|policy|claim|id|amount|total|balance|price|cost|usd|eur|gbp)|[$€£¥])\W{0,6}(?:no\.?|number|num|#)?\W{0,4}(?:is\s+|was\s+)?$/i;
const unitAfter = /^\s?(%|usd|eur|gbp|dollars|euros|kg|km|mb|gb|units|items|people|users)\b/i;

/**
 * Phone numbers in international and national formats, with extensions. A shape that only phones
 * have (+ prefix, a (0), an extension, North American 3-3-4, a trunk-0 national number) stands alone;
 * any other group of 7–12 digits needs a phone word before or after it. Dates, amounts and numbers
 * labelled as orders, invoices or accounts are never phones.
 */
export function findPhones(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(phonePattern)) {
    const value = m[0];
    const digits = value.replace(extension, '').replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15 || looksLikeDate(value) || !wellFormed.test(value)) continue;
    const before = contextBefore(text, m.index, 40);
    const after = contextAfter(text, m.index + value.length, 16);
    if (otherNumberWords.test(before) || unitAfter.test(after)) continue;
    const hasPhoneWord = phoneWordsBefore.test(before) || phoneWordsAfter.test(after);
    if (!hasPhoneWord && !hasPhoneOnlyShape(value, digits)) continue;
    if (!hasPhoneWord && !/[ .()-]/.test(value) && !value.startsWith('+')) continue;
    spans.push({ type: 'phone', start: m.index, end: m.index + value.length });
  }
  return spans;
}

/** 2024-04-16, 16.04.2024, 4/16/24 (with a time after it or not): a real month and day, not just the shape. */
function looksLikeDate(value: string): boolean {
  const m = datePrefix.exec(value);
  if (!m) return false;
  const [a, b, c] = [m[1]!, m[2]!, m[3]!].map(Number) as [number, number, number];
  const dayMonth = (day: number, month: number) => day >= 1 && day <= 31 && month >= 1 && month <= 12;
  if (m[1]!.length === 4) return dayMonth(c, b);
  if (m[3]!.length !== 2 && m[3]!.length !== 4) return false;
  return dayMonth(a, b) || dayMonth(b, a);
}

function hasPhoneOnlyShape(value: string, digits: string): boolean {
  if (value.startsWith('+')) return digits.length >= 8;
  if (value.includes('(0)') || extension.test(value)) return true;
  const main = value.replace(extension, '');
  return northAmerican.test(main) || (nationalWithTrunk.test(main) && digits.length >= 10);
}
