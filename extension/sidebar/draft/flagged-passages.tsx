import type { ReactNode } from 'react';
import type { MarkedPassage } from './use-draft-stream.ts';

/** What the CSM decided about a flagged passage; undecided ones hold Insert to a question. */
export type PassageChoice = 'keep' | 'remove';
export type PassageChoices = ReadonlyMap<number, PassageChoice>;

/** The draft's text with the passages the CSM chose to remove cut out. */
export function textToInsert(text: string, passages: MarkedPassage[], choices: PassageChoices): string {
  let out = '';
  let at = 0;
  passages.forEach((p, i) => {
    if (choices.get(i) !== 'remove') return;
    out += text.slice(at, p.start);
    at = p.end;
  });
  // The spaces a removed sentence leaves at a line's ends, or two in a row, go with it.
  return (out + text.slice(at))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/[ \t]{2,}/g, ' ');
}

export function undecided(passages: MarkedPassage[], choices: PassageChoices): number {
  return passages.filter((_, i) => !choices.has(i)).length;
}

/** The draft's text with each flagged passage marked (struck through once removed), its reason on hover. */
export function MarkedText({
  text,
  passages,
  choices,
}: {
  text: string;
  passages: MarkedPassage[];
  choices: PassageChoices;
}) {
  const parts: ReactNode[] = [];
  let at = 0;
  passages.forEach((p, i) => {
    if (p.start > at) parts.push(text.slice(at, p.start));
    const passage = text.slice(p.start, p.end);
    parts.push(
      choices.get(i) === 'remove' ? (
        <del key={p.start} className="flagged-passage" title={p.reason}>
          {passage}
        </del>
      ) : (
        <mark key={p.start} className="flagged-passage" title={p.reason}>
          {passage}
        </mark>
      ),
    );
    at = p.end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

interface FlaggedPassagesProps {
  text: string;
  passages: MarkedPassage[];
  choices: PassageChoices;
  onChoose: (index: number, choice: PassageChoice) => void;
}

/**
 * Sentences the server flagged because they repeat what the email told the AI to do, or do what the
 * CSM did not ask: each with why, to keep or to take out of what Insert puts in.
 */
export function FlaggedPassages({ text, passages, choices, onChoose }: FlaggedPassagesProps) {
  if (passages.length === 0) return null;
  return (
    <section className="card flagged" aria-label="Flagged passages">
      <h3>Flagged passages</h3>
      <p className="small">
        CSCX marked these in the draft. Email can carry instructions meant for the AI: check each one.
      </p>
      <ul className="flagged-passages">
        {passages.map((p, i) => (
          <li key={p.start}>
            <q>{text.slice(p.start, p.end)}</q>
            <span className="muted small">{capitalised(p.reason)}.</span>
            <span className="row-actions">
              <button
                type="button"
                aria-pressed={choices.get(i) === 'remove'}
                onClick={() => onChoose(i, 'remove')}
              >
                Remove from the draft
              </button>
              <button
                type="button"
                aria-pressed={choices.get(i) === 'keep'}
                onClick={() => onChoose(i, 'keep')}
              >
                Keep it
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
