import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { Session } from '../lib/session-store.ts';
import { Notice } from '../sidebar/layout/notice.tsx';
import { PanelSkeleton } from '../sidebar/layout/skeleton.tsx';
import { useSessionServices } from '../sidebar/session/session-services.tsx';
import { describeApiError, ErrorAlert } from './api-errors.tsx';
import { type NewPassword, NewPasswordFields } from './new-password-fields.tsx';

/**
 * The page an invitation link opens: which address it sets up, in which org; then choose a password
 * (and a name), and be signed in. A link that would not work says so before anything is typed.
 */
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
  const invitation = useQuery({
    queryKey: ['auth.describeInvite', session.backendUrl, token],
    queryFn: () =>
      services
        .connectApi({ backendUrl: session.backendUrl, token: null })
        .auth.describeInvite.query({ token: token ?? '' }),
    enabled: token !== null,
  });
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
  if (invitation.error)
    return (
      <Notice title={describeApiError(invitation.error)} tone="warning">
        <p>If the link was used or has expired, ask your administrator for a new one.</p>
        <button type="button" onClick={() => void invitation.refetch()}>
          Try again
        </button>
      </Notice>
    );
  if (!invitation.data) return <PanelSkeleton label="Reading the invitation" />;
  const { email, orgName } = invitation.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(chosen.password !== chosen.repeated);
    if (chosen.password === chosen.repeated) accept.mutate(token);
  };
  return (
    <form className="card settings-narrow" onSubmit={submit} aria-label="Accept the invitation">
      <h2>Welcome to CSCX</h2>
      <p>
        You are setting up <strong>{email}</strong> in {orgName}.
      </p>
      <p className="muted">Choose a password to finish setting up your account.</p>
      {/* Lets a password manager store the new password under the right address. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
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
