/** The kinds of personal data the redactor replaces before text leaves for a remote model. */
export const piiTypes = ['person', 'email', 'phone', 'card', 'iban', 'address', 'id'] as const;
export type PiiType = (typeof piiTypes)[number];

/** A stretch of text holding one piece of personal data: `text.slice(start, end)`. */
export interface PiiSpan {
  type: PiiType;
  start: number;
  end: number;
}

export interface FindPiiOptions {
  /** The org's contact names: always redacted as people, in any case. */
  knownNames?: readonly string[];
  /** The org's customers, products and its own name: never redacted as people's names. */
  allowedTerms?: readonly string[];
}

/** The word in a placeholder (`<PERSON_1>`) for each type. */
export const placeholderWords: Record<PiiType, string> = {
  person: 'PERSON',
  email: 'EMAIL',
  phone: 'PHONE',
  card: 'CARD',
  iban: 'IBAN',
  address: 'ADDRESS',
  id: 'ID',
};

export function zeroCounts(): Record<PiiType, number> {
  return { person: 0, email: 0, phone: 0, card: 0, iban: 0, address: 0, id: 0 };
}
