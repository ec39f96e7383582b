import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { Session } from '../../lib/session-store.ts';
import { classifyApiError, errorMessage } from '../connection/api-error.ts';
import { useSessionServices } from './session-services.tsx';

interface Credentials {
  backendUrl: string;
  email: string;
  password: string;
}

/**
 * Signed-out state: email and password against the chosen backend; the token goes to the session store.
 * The settings page served by the backend cannot choose another one (`chooseBackend` false).
 */
export function SignInForm({
  session,
  onSignedIn,
  chooseBackend = true,
}: {
  session: Session;
  onSignedIn: (next: Session) => Promise<void>;
  chooseBackend?: boolean;
}) {
  const services = useSessionServices();
  const ids = useId();
  const [backendUrl, setBackendUrl] = useState(session.backendUrl);
  const [email, setEmail] = useState(session.email ?? '');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: async (input: Credentials) => {
      const url = new URL(input.backendUrl).origin;
      if (!(await services.requestBackendAccess(url))) throw new Error(`Access to ${url} was not granted.`);
      const api = services.connectApi({ backendUrl: url, token: null });
      const result = await api.auth.login.mutate({ email: input.email, password: input.password });
      return { url, result };
    },
    onSuccess: async ({ url, result }, input) => {
      await onSignedIn({ backendUrl: url, token: result.token, email: input.email.trim().toLowerCase() });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ backendUrl, email, password });
  };
  return (
    <form className="sign-in" onSubmit={submit} aria-label="Sign in to CSCX">
      <h2>Sign in to CSCX</h2>
      <p className="muted">See who the customer is beside every event, meeting and thread.</p>
      <label htmlFor={`${ids}-email`}>Email</label>
      <input
        id={`${ids}-email`}
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <label htmlFor={`${ids}-password`}>Password</label>
      <input
        id={`${ids}-password`}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {chooseBackend && (
        <details>
          <summary>Backend</summary>
          <label htmlFor={`${ids}-url`}>Backend URL</label>
          <input
            id={`${ids}-url`}
            type="url"
            required
            value={backendUrl}
            onChange={(e) => setBackendUrl(e.target.value)}
          />
        </details>
      )}
      {signIn.isError && (
        <p role="alert" className="error">
          {signInError(signIn.error)}
        </p>
      )}
      <button type="submit" className="primary" disabled={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

function signInError(error: unknown): string {
  const kind = classifyApiError(error);
  if (kind === 'unreachable') return 'The backend did not answer. Check the URL and that it is running.';
  if (kind === 'unauthorized') return 'Wrong email or password.';
  return errorMessage(error);
}
