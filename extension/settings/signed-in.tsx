import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import type { ApiClient } from '../lib/api-client.ts';
import type { Session } from '../lib/session-store.ts';
import { classifyApiError } from '../sidebar/connection/api-error.ts';
import { BackendUnreachable } from '../sidebar/connection/backend-unreachable.tsx';
import { Notice } from '../sidebar/layout/notice.tsx';
import { PanelSkeleton } from '../sidebar/layout/skeleton.tsx';
import { useBrowserTimeZone } from '../sidebar/session/use-browser-time-zone.ts';
import { ErrorAlert } from './api-errors.tsx';
import { ForcedPasswordChange } from './forced-password-change.tsx';
import type { SettingsPlatform } from './platform.ts';
import { settingsSections } from './sections.tsx';
import { SettingsNav } from './settings-nav.tsx';

interface SignedInProps {
  api: ApiClient;
  session: Session;
  kind: SettingsPlatform['kind'];
  /** The section the address names; null for the first one the user may open. */
  sectionPath: string | null;
  onSignOut: () => Promise<void>;
}

export function SignedInSettings({ api, session, kind, sectionPath, onSignOut }: SignedInProps) {
  const me = useQuery({
    queryKey: ['auth.me', session.backendUrl, session.token],
    queryFn: () => api.auth.me.query(),
  });
  useBrowserTimeZone(api, me.data?.user);
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
  const { user } = me.data;
  if (user.mustChangePassword)
    return <ForcedPasswordChange api={api} email={user.email} onSignOut={() => void signOut()} />;
  const open = settingsSections.filter((section) => section.allowed(user.role));
  const section = sectionPath === null ? open[0] : settingsSections.find((s) => s.path === sectionPath);
  return (
    <div className="settings-layout">
      <SettingsNav sections={open} current={section?.path ?? null} />
      <SectionArea path={sectionPath}>
        {!section ? (
          <Notice title="No such section" tone="warning">
            <p>This address names no settings section. Pick one from the list.</p>
          </Notice>
        ) : !section.allowed(user.role) ? (
          <Notice title={`${section.title} is not open to you`} tone="warning">
            <p>Your role ({user.role}) does not include this section. An admin can change your role.</p>
          </Notice>
        ) : (
          <section.Section
            api={api}
            me={me.data}
            backendUrl={kind === 'extension' ? session.backendUrl : null}
            onSignOut={() => void signOut()}
          />
        )}
      </SectionArea>
    </div>
  );
}

/** Following a link to another section moves focus to it, so a screen reader reads where it landed. */
function SectionArea({ path, children }: { path: string | null; children: ReactNode }) {
  const area = useRef<HTMLDivElement>(null);
  const shown = useRef(path);
  useEffect(() => {
    if (shown.current === path) return;
    shown.current = path;
    area.current?.focus();
  }, [path]);
  return (
    <div className="settings-sections" ref={area} tabIndex={-1}>
      {children}
    </div>
  );
}
