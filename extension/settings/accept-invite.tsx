import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { Session } from '../lib/session-store.ts';
import { Notice } from '../sidebar/layout/notice.tsx';
import { useSessionServices } from '../sidebar/session/session-services.tsx';
import { ErrorAlert } from './api-errors.tsx';
import { type NewPassword, NewPasswordFields } from './new-password-fields.tsx';

/** The page an invitation link opens: choose a password (and a name), and be signed in. */
export function AcceptInvite({
  token,
  session,
  onAccepted,
}: {
  token: string | null;
  session: Session;
  onAccepted: (next: Session) => Promise<void>;
}) {
  const services = useSessionServices();
  const ids = useId();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<NewPassword>({ password: '', repeated: '' });
  const { password } = chosen;
  const [mismatch, setMismatch] = useState(false);
  const accept = useMutation({
    mutationFn: async (inviteToken: string) => {
      const api = services.connectApi({ backendUrl: session.backendUrl, token: null });
      return api.auth.acceptInvite.mutate({ token: inviteToken, password, ...(name.trim() ? { name } : {}) });
    },
    onSuccess: (result) => onAccepted({ backendUrl: session.backendUrl, token: result.token, email: null }),
  });
  if (!token)
    return (
      <Notice title="This invitation link is incomplete" tone="warning">
        <p>Open the whole link your administrator sent, or ask them for a new one.</p>
      </Notice>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(chosen.password !== chosen.repeated);
    if (chosen.password === chosen.repeated) accept.mutate(token);
  };
  return (
    <form className="card settings-narrow" onSubmit={submit} aria-label="Accept the invitation">
      <h2>Welcome to CSCX</h2>
      <p className="muted">Choose a password to finish setting up your account.</p>
      <label htmlFor={`${ids}-name`}>Your name</label>
      <input id={`${ids}-name`} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      <NewPasswordFields label="Password" value={chosen} onChange={setChosen} mismatch={mismatch} />
      {accept.isError && <ErrorAlert error={accept.error} />}
      <button type="submit" className="primary" disabled={accept.isPending}>
        {accept.isPending ? 'Setting up…' : 'Set password and sign in'}
      </button>
    </form>
  );
}
