import type { z } from 'zod';
import type { meOutput } from '../../shared/api/auth.ts';

interface AccountProps {
  me: z.infer<typeof meOutput>;
  /** Shown in the extension, where the user chose it; the web page's backend is its own origin. */
  backendUrl: string | null;
  onSignOut: () => void;
}

export function AccountSection({ me, backendUrl, onSignOut }: AccountProps) {
  const { user, org } = me;
  return (
    <section className="card" aria-labelledby="account-heading">
      <header className="section-header">
        <h2 id="account-heading">Account</h2>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <dl className="facts">
        <dt>Signed in as</dt>
        <dd>
          {user.name ? `${user.name} · ` : ''}
          {user.email}
        </dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
        <dt>Organisation</dt>
        <dd>{org.name}</dd>
        {backendUrl && (
          <>
            <dt>Backend</dt>
            <dd>
              <code>{backendUrl}</code>
            </dd>
          </>
        )}
      </dl>
      {backendUrl && (
        <p className="muted small">To use another backend, sign out and choose it when you sign in.</p>
      )}
    </section>
  );
}
