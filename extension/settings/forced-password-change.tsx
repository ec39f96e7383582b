import type { ApiClient } from '../lib/api-client.ts';
import { ChangePasswordForm } from './change-password-form.tsx';

/**
 * First sign-in with a one-time password: the API refuses everything else until it is replaced, so this
 * is the whole screen. Once changed, `auth.me` is asked again and the settings appear.
 */
export function ForcedPasswordChange({
  api,
  email,
  onSignOut,
}: {
  api: ApiClient;
  email: string;
  onSignOut: () => void;
}) {
  return (
    <section className="card settings-narrow" aria-labelledby="forced-heading">
      <h2 id="forced-heading">Choose your own password</h2>
      <p className="muted">
        {email} signed in with a one-time password from an administrator. Choose your own to continue.
      </p>
      <ChangePasswordForm api={api} />
      <button type="button" className="link" onClick={onSignOut}>
        Sign out
      </button>
    </section>
  );
}
