import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { StyleProfileOutput } from '../../../shared/api/style.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';

export const styleProfileKey = ['drafts.styleProfile'] as const;

/**
 * Every user: how CSCX thinks they write, learned from the edits they make to its drafts before
 * sending them, in plain words, and a reset that forgets it (after a question).
 */
export function StyleSection({ api }: { api: ApiClient }) {
  const profile = useQuery({ queryKey: styleProfileKey, queryFn: () => api.drafts.styleProfile.query() });
  return (
    <section className="card" aria-labelledby="style-heading">
      <h2 id="style-heading">Writing style</h2>
      <p className="muted small">
        When you send a message that began as a CSCX draft, CSCX compares what you sent with what it drafted,
        and its next drafts follow your habits, whichever AI provider writes them.
      </p>
      {profile.error ? (
        <ErrorAlert error={profile.error} />
      ) : !profile.data ? (
        <PanelSkeleton label="Loading your writing style" />
      ) : (
        <LearnedStyle api={api} learned={profile.data} />
      )}
    </section>
  );
}

function LearnedStyle({ api, learned }: { api: ApiClient; learned: StyleProfileOutput }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);
  const reset = useMutation({
    mutationFn: () => api.drafts.resetStyleProfile.mutate(),
    onSuccess: (empty) => queryClient.setQueryData(styleProfileKey, empty),
    onSettled: () => setConfirming(false),
  });
  if (learned.describe.length === 0)
    return (
      <>
        <p>Nothing learned yet. Send a few CSCX drafts from Gmail, edited the way you like them.</p>
        {reset.isSuccess && (
          <p role="status" className="small">
            Reset. Drafts are written in the tone you pick until CSCX learns your habits again.
          </p>
        )}
      </>
    );
  return (
    <>
      <ul aria-label="What CSCX learned of your writing">
        {learned.describe.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {confirming ? (
        <div className="confirm">
          <span>Forget your writing style, and the sent messages it was learned from?</span>
          <span className="row-actions">
            <button
              type="button"
              className="danger"
              disabled={reset.isPending}
              onClick={() => reset.mutate()}
            >
              {reset.isPending ? 'Resetting…' : 'Reset'}
            </button>
            <button type="button" ref={cancel} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => {
            reset.reset();
            setConfirming(true);
          }}
        >
          Reset writing style
        </button>
      )}
      {reset.isError && <ErrorAlert error={reset.error} />}
    </>
  );
}
