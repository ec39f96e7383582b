import { findPii } from './find-pii.ts';
import { type FindPiiOptions, type PiiType, piiTypes, placeholderWords, zeroCounts } from './pii-types.ts';

export interface Redactor {
  /**
   * Replaces personal data with placeholders (`<PERSON_1>`, `<EMAIL_1>`…). The same value gets the same
   * placeholder in every call on this redactor (one model call's blocks).
   */
  redact(text: string): string;
  /** Puts the original values back; a placeholder this redactor never issued (the model invented it) stays. */
  restore(text: string): string;
  /** For streams: restores chunk by chunk, holding back a placeholder split across chunks. */
  restoreStream(): { push(chunk: string): string; flush(): string };
  /** How many spans of each type were replaced (for metering; never the values). */
  counts(): Record<PiiType, number>;
}

const placeholderPattern = new RegExp(
  `<(${piiTypes.map((t) => placeholderWords[t]).join('|')})_(\\d{1,6})>`,
  'g',
);
const wordToType = new Map(piiTypes.map((t) => [placeholderWords[t], t]));
const longestPlaceholder = Math.max(...Object.values(placeholderWords).map((w) => w.length)) + 9;

export function createRedactor(options: FindPiiOptions = {}): Redactor {
  const issued = new Map<string, string>();
  const originals = new Map<string, string>();
  const lastNumber = zeroCounts();
  const replaced = zeroCounts();
  /** People found in earlier blocks are looked for in later ones ("Sara Schwarz" … "Thanks, Sara"). */
  const peopleSeen = new Set<string>();

  const placeholderFor = (type: PiiType, value: string): string => {
    const key = `${type}:${normalise(type, value)}`;
    let placeholder = issued.get(key);
    if (!placeholder) {
      placeholder = `<${placeholderWords[type]}_${++lastNumber[type]}>`;
      issued.set(key, placeholder);
      originals.set(placeholder, value);
    }
    return placeholder;
  };

  const restore = (text: string): string => text.replace(placeholderPattern, (p) => originals.get(p) ?? p);

  return {
    redact(text) {
      reserveNumbersIn(text, lastNumber);
      const spans = findPii(text, options, [...peopleSeen]);
      let out = '';
      let at = 0;
      for (const span of spans) {
        const value = text.slice(span.start, span.end);
        out += text.slice(at, span.start) + placeholderFor(span.type, value);
        at = span.end;
        replaced[span.type]++;
        if (span.type === 'person') peopleSeen.add(value);
      }
      return out + text.slice(at);
    },
    restore,
    restoreStream() {
      let pending = '';
      return {
        push(chunk) {
          const buffer = pending + chunk;
          const cut = partialPlaceholderStart(buffer);
          pending = buffer.slice(cut);
          return restore(buffer.slice(0, cut));
        },
        flush() {
          const rest = restore(pending);
          pending = '';
          return rest;
        },
      };
    },
    counts: () => ({ ...replaced }),
  };
}

/** The same value written differently ("+1 555…" and "+1-555…", "Sara" and "SARA") is one placeholder. */
function normalise(type: PiiType, value: string): string {
  if (type === 'phone' || type === 'card') return value.replace(/\D/g, '');
  if (type === 'iban' || type === 'id') return value.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  return value.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A placeholder-shaped text already in the input is never issued for something else. */
function reserveNumbersIn(text: string, lastNumber: Record<PiiType, number>): void {
  for (const m of text.matchAll(placeholderPattern)) {
    const type = wordToType.get(m[1] ?? '');
    if (type) lastNumber[type] = Math.max(lastNumber[type], Number(m[2]));
  }
}

/** Where a placeholder that the next chunk may complete starts ("…call <PERS"), or the end. */
function partialPlaceholderStart(buffer: string): number {
  const open = buffer.lastIndexOf('<');
  if (open < 0 || buffer.length - open >= longestPlaceholder) return buffer.length;
  const tail = buffer.slice(open + 1);
  const match = /^([A-Z]*)(_\d*)?$/.exec(tail);
  if (!match) return buffer.length;
  const [, word = '', number] = match;
  const fits = [...wordToType.keys()].some((w) => (number === undefined ? w.startsWith(word) : w === word));
  return fits ? open : buffer.length;
}
