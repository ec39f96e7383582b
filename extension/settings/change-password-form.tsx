import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { ApiClient } from '../lib/api-client.ts';
import { ErrorAlert } from './api-errors.tsx';
import { type NewPassword, NewPasswordFields } from './new-password-fields.tsx';

/** Current password, new one twice. The backend ends every other session of the user's on success. */
export function ChangePasswordForm({ api, onChanged }: { api: ApiClient; onChanged?: () => void }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>({ password: '', repeated: '' });
  const [mismatch, setMismatch] = useState(false);
  const newPassword = next.password;
  const change = useMutation({
    mutationFn: () => api.auth.changePassword.mutate({ currentPassword, newPassword }),
    onSuccess: async () => {
      setCurrent('');
      setNext({ password: '', repeated: '' });
      await queryClient.invalidateQueries({ queryKey: ['auth.me'] });
      onChanged?.();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(next.password !== next.repeated);
    if (next.password === next.repeated) change.mutate();
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
      <NewPasswordFields label="New password" value={next} onChange={setNext} mismatch={mismatch} />
      {change.isError && <ErrorAlert error={change.error} />}
      {change.isSuccess && (
        <p role="status" className="small">
          Password changed. Your other sessions and your personal access tokens were signed out.
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
