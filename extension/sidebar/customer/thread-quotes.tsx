import type { ThreadAnalysis } from '../../../shared/api/threads.ts';
import { formatDue } from './thread-analysis-format.ts';

/*
 * Quotes are the customer's own words, untrusted: React renders them as text (never as HTML), and a
 * link in them stays text that cannot be clicked.
 */

export function ThreadAsks({ asks }: { asks: ThreadAnalysis['asks'] }) {
  if (asks.length === 0) return null;
  return (
    <>
      <h4 className="sublabel">Asks</h4>
      <ul className="quotes" aria-label="Asks">
        {asks.map((ask) => (
          <li key={`${ask.messageIndex}:${ask.quote}`}>
            <q>{ask.quote}</q>
            <span className="chip plain">{ask.kind === 'question' ? 'Question' : 'Request'}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ThreadCommitments({ commitments }: { commitments: ThreadAnalysis['commitments'] }) {
  if (commitments.length === 0) return null;
  return (
    <>
      <h4 className="sublabel">We said we would</h4>
      <ul className="quotes" aria-label="Our commitments">
        {commitments.map((c) => (
          <li key={`${c.messageIndex}:${c.quote}`}>
            <q>{c.quote}</q>
            {c.due && (
              <time className="muted small" dateTime={c.due}>
                due {formatDue(c.due)}
              </time>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
