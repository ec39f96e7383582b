import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ApiClient } from '../lib/api-client.ts';
import type { Session } from '../lib/session-store.ts';
import { classifyApiError } from '../sidebar/connection/api-error.ts';
import { BackendUnreachable } from '../sidebar/connection/backend-unreachable.tsx';
import { PanelSkeleton } from '../sidebar/layout/skeleton.tsx';
import { AccountSection } from './account-section.tsx';
import { ErrorAlert } from './api-errors.tsx';
import { ChangePasswordSection } from './change-password-form.tsx';
import { ForcedPasswordChange } from './forced-password-change.tsx';
import { MembersSection } from './members/members-section.tsx';
import { OrgSection } from './org-section.tsx';
import type { SettingsPlatform } from './platform.ts';
import { TokensSection } from './tokens/tokens-section.tsx';

interface SignedInProps {
  api: ApiClient;
  session: Session;
  kind: SettingsPlatform['kind'];
  onSignOut: () => Promise<void>;
}

export function SignedInSettings({ api, session, kind, onSignOut }: SignedInProps) {
  const me = useQuery({
    queryKey: ['auth.me', session.backendUrl, session.token],
    queryFn: () => api.auth.me.query(),
  });
  const failure = me.error ? classifyApiError(me.error) : null;
  // A revoked or expired token: back to the sign-in form, the stored token dropped.
  useEffect(() => {
    if (failure === 'unauthorized') void onSignOut();
  }, [failure, onSignOut]);
  if (failure === 'unauthorized') return <PanelSkeleton />;
  if (failure === 'unreachable')
    return <BackendUnreachable backendUrl={session.backendUrl} onRetry={() => void me.refetch()} />;
  if (me.error) return <ErrorAlert error={me.error} />;
  if (!me.data) return <PanelSkeleton />;
  const signOut = async () => {
    await api.auth.logout.mutate().catch(() => undefined);
    await onSignOut();
  };
  const { user, org } = me.data;
  if (user.mustChangePassword)
    return <ForcedPasswordChange api={api} email={user.email} onSignOut={() => void signOut()} />;
  return (
    <div className="settings-sections">
      <AccountSection
        me={me.data}
        backendUrl={kind === 'extension' ? session.backendUrl : null}
        onSignOut={() => void signOut()}
      />
      <ChangePasswordSection api={api} />
      {user.role === 'admin' && <MembersSection api={api} me={user} />}
      {user.role === 'admin' && <OrgSection api={api} org={org} />}
      {user.role !== 'viewer' && <TokensSection api={api} userId={user.id} />}
    </div>
  );
}
