import type { FlaggedLink } from '../../../shared/api/drafts.ts';
import { draftFailure, writtenBy } from './draft-format.ts';
import { MarkedText, type PassageChoices } from './flagged-passages.tsx';
import type { DraftRun } from './use-draft-stream.ts';

/**
 * The draft as it streams in, its flagged passages marked, and how it ended: who wrote it, that it
 * was stopped, or why it failed.
 */
export function DraftPreview({
  run,
  choices,
}: {
  run: Exclude<DraftRun, { status: 'idle' }>;
  choices: PassageChoices;
}) {
  const streaming = run.status === 'streaming';
  return (
    <section className="card draft-preview" aria-label="Draft preview" aria-busy={streaming}>
      <h3>Draft</h3>
      <div className="draft-text">
        {run.text ? (
          <MarkedText text={run.text} passages={run.passages} choices={choices} />
        ) : streaming ? (
          <span className="muted">Writing…</span>
        ) : null}
        {streaming && run.text && <span className="draft-caret" aria-hidden="true" />}
      </div>
      {run.status === 'done' && <p className="muted small written-by">{writtenBy(run.done)}</p>}
      {run.status === 'stopped' && (
        <p className="muted small" role="status">
          Stopped. What was written so far is kept.
        </p>
      )}
      {run.status === 'failed' && (
        <p role="alert" className="error">
          {draftFailure(run.error, run.text !== '')}
        </p>
      )}
    </section>
  );
}

interface HeldBackLinksProps {
  links: FlaggedLink[];
  /** Only on a click of the link's own button: never with the draft. */
  onInsert: ((url: string) => void) | null;
}

/**
 * Links the draft held back because neither the thread nor CSCX's data has them — how an injected
 * mail would make a draft leak something. Shown as text, never as a link to follow.
 */
export function HeldBackLinks({ links, onInsert }: HeldBackLinksProps) {
  if (links.length === 0) return null;
  return (
    <section className="card held-back" aria-label="Links held back">
      <h3>Links held back</h3>
      <p className="small">
        The draft shows <code>[link removed: …]</code> where these were. Add one only if you know it.
      </p>
      <ul className="held-back-links">
        {links.map((link) => (
          <li key={link.url}>
            <code>{link.url}</code>
            <span className="muted small">{capitalised(link.reason)}.</span>
            {onInsert && (
              <button type="button" onClick={() => onInsert(link.url)}>
                Insert this link
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
