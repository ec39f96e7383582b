import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { ApiClient } from '../lib/api-client.ts';
import { ErrorAlert } from './api-errors.tsx';

const minLength = 12;

/** Current password, new one twice. The backend ends every other session of the user's on success. */
export function ChangePasswordForm({ api, onChanged }: { api: ApiClient; onChanged?: () => void }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeated, setRepeated] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => api.auth.changePassword.mutate({ currentPassword, newPassword }),
    onSuccess: async () => {
      setCurrent('');
      setNew('');
      setRepeated('');
      await queryClient.invalidateQueries({ queryKey: ['auth.me'] });
      onChanged?.();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(newPassword !== repeated);
    if (newPassword === repeated) change.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Change password">
      <label htmlFor={`${ids}-current`}>Current password</label>
      <input
        id={`${ids}-current`}
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <label htmlFor={`${ids}-new`}>New password</label>
      <input
        id={`${ids}-new`}
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        aria-describedby={`${ids}-rule`}
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
      />
      <p id={`${ids}-rule`} className="muted small">
        At least {minLength} characters.
      </p>
      <label htmlFor={`${ids}-repeat`}>Repeat new password</label>
      <input
        id={`${ids}-repeat`}
        type="password"
        autoComplete="new-password"
        required
        value={repeated}
        onChange={(e) => setRepeated(e.target.value)}
      />
      {mismatch && (
        <p role="alert" className="error">
          The new passwords differ.
        </p>
      )}
      {change.isError && <ErrorAlert error={change.error} />}
      {change.isSuccess && (
        <p role="status" className="small">
          Password changed. Your other sessions were signed out.
        </p>
      )}
      <button type="submit" className="primary" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}

export function ChangePasswordSection({ api }: { api: ApiClient }) {
  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <ChangePasswordForm api={api} />
    </section>
  );
}
