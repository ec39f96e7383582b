import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { z } from 'zod';
import type { orgOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';

const namesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * Admins only: the competitors a call's analysis listens for. Naming one on a call gives a competitor
 * signal on the customer's health and call record; the list applies to calls analysed after saving.
 */
export function CompetitorsSetting({ api, org }: { api: ApiClient; org: z.infer<typeof orgOutput> }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [text, setText] = useState(org.competitors.join('\n'));
  const save = useMutation({
    mutationFn: () => api.org.update.mutate({ competitors: namesOf(text) }),
    onSuccess: async (saved) => {
      setText(saved.competitors.join('\n'));
      await queryClient.invalidateQueries({ queryKey: ['auth.me'] });
    },
  });
  return (
    <form
      aria-label="Competitors"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <label htmlFor={id}>Competitors, one per line</label>
      <textarea
        id={id}
        rows={4}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          save.reset();
        }}
      />
      <p className="muted small">
        A call that names one of them gives a competitor signal on the customer’s health and in its call
        record. Calls analysed after saving use the new list.
      </p>
      {save.isError && <ErrorAlert error={save.error} />}
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save competitors'}
      </button>
      {save.isSuccess && (
        <p role="status" className="small">
          Saved.
        </p>
      )}
    </form>
  );
}
