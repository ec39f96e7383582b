import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { PiiSpan, PiiType } from '../ai/redaction/pii-types.ts';

/** A text with the spans a human (or the generator) marked, in our types. */
export interface GoldText {
  text: string;
  gold: PiiSpan[];
  /**
   * Spans of a place (GPE) or postcode that are not part of a marked street address: a prediction of an
   * address on them is neither right nor wrong (the set marks the same kind of line as STREET_ADDRESS in
   * one template and as GPE in another).
   */
  neutralForAddress: PiiSpan[];
  /** Marked entities that are not personal data of ours (organisations, dates, titles, ages…). */
  others: PiiSpan[];
}

const presidioFile = z.array(
  z.object({
    full_text: z.string(),
    spans: z.array(
      z.object({ entity_type: z.string(), start_position: z.number(), end_position: z.number() }),
    ),
  }),
);

/** The set's types that are ours. ZIP_CODE and GPE join an address they follow; alone they are not ours. */
const presidioTypes: Record<string, PiiType> = {
  PERSON: 'person',
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone',
  CREDIT_CARD: 'card',
  IBAN_CODE: 'iban',
  US_SSN: 'id',
  US_DRIVER_LICENSE: 'id',
  US_PASSPORT: 'id',
  UK_NHS: 'id',
  STREET_ADDRESS: 'address',
};
const addressParts = new Set(['ZIP_CODE', 'GPE']);

/** Files in the format of `presidio-synth-pii`: every `*.json` of a folder (or the one file given). */
export function readPresidioTexts(datasetPath: string): GoldText[] {
  return filesEndingWith(datasetPath, '.json').flatMap((file) =>
    presidioFile.parse(JSON.parse(readFileSync(file, 'utf8'))).map((record) => {
      const spans = record.spans
        .map((s) => ({ kind: s.entity_type, start: s.start_position, end: s.end_position }))
        .sort((a, b) => a.start - b.start);
      return { text: record.full_text, ...mapPresidioSpans(record.full_text, spans) };
    }),
  );
}

interface MarkedSpan {
  kind: string;
  start: number;
  end: number;
}

/**
 * Address pieces that follow each other with only spaces, commas, line breaks or quote marks between
 * them are one address ("28245 | Puruntie 82 | Apt. 595 | LAPPEENRANTA | SK | 53650"): the set splits
 * some templates' addresses into parts and keeps others whole, and a redactor should cover all of it.
 */
function mapPresidioSpans(text: string, spans: readonly MarkedSpan[]): Omit<GoldText, 'text'> {
  const gold: PiiSpan[] = [];
  const neutralForAddress: PiiSpan[] = [];
  const others: PiiSpan[] = [];
  let address: PiiSpan | undefined;
  for (const span of spans) {
    const isAddressPart = span.kind === 'STREET_ADDRESS' || addressParts.has(span.kind);
    if (address && isAddressPart && /^[\s,>-]*$/.test(text.slice(address.end, span.start))) {
      address.end = Math.max(address.end, span.end);
      continue;
    }
    address = undefined;
    const type = presidioTypes[span.kind];
    if (type === 'address') {
      address = { type, start: span.start, end: span.end };
      gold.push(address);
    } else if (type) gold.push({ type, start: span.start, end: span.end });
    else if (addressParts.has(span.kind))
      neutralForAddress.push({ type: 'address', start: span.start, end: span.end });
    else others.push({ type: 'person', start: span.start, end: span.end });
  }
  return { gold, neutralForAddress, others };
}

const enronLine = z.object({
  thread_id: z.string(),
  text: z.string(),
  mentions: z.array(
    z.object({
      start: z.number(),
      end: z.number(),
      type: z.string(),
      is_pronoun: z.boolean(),
      text: z.string(),
    }),
  ),
});

/** One mention a redactor should cover in real mail: a person (not a pronoun) or a location. */
export interface EnronMention {
  start: number;
  end: number;
  type: 'PER' | 'LOC';
  text: string;
}

export interface EnronThread {
  text: string;
  mentions: EnronMention[];
  /** Every annotated mention (ORG and DIG too): a name redacted inside one is no over-redaction. */
  annotated: { start: number; end: number }[];
}

/** Files in the format of `enron-email-threads`: every `*.jsonl` of a folder (or the one file given). */
export function readEnronThreads(datasetPath: string): EnronThread[] {
  return filesEndingWith(datasetPath, '.jsonl').flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        const thread = enronLine.parse(JSON.parse(line));
        const mentions = thread.mentions
          .filter((m) => (m.type === 'PER' && !m.is_pronoun) || m.type === 'LOC')
          .map((m) => ({ start: m.start, end: m.end, type: m.type as EnronMention['type'], text: m.text }));
        return {
          text: thread.text,
          mentions,
          annotated: thread.mentions.map(({ start, end }) => ({ start, end })),
        };
      }),
  );
}

export function filesEndingWith(datasetPath: string, ending: string): string[] {
  if (statSync(datasetPath).isFile()) return datasetPath.endsWith(ending) ? [datasetPath] : [];
  return readdirSync(datasetPath)
    .filter((name) => name.endsWith(ending))
    .sort()
    .map((name) => path.join(datasetPath, name));
}
