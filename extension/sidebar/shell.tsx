import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { contextTitle, type HostContext } from '../../shared/host-context.ts';
import type { ApiClient } from '../lib/api-client.ts';
import type { Session } from '../lib/session-store.ts';
import { classifyApiError, errorMessage } from './connection/api-error.ts';
import { BackendUnreachable } from './connection/backend-unreachable.tsx';
import { CustomerTab } from './customer/customer-tab.tsx';
import { useHostContext } from './host-context/use-host-context.ts';
import { Notice } from './layout/notice.tsx';
import { PanelSkeleton } from './layout/skeleton.tsx';
import { useServices } from './services.tsx';
import { SignInForm } from './session/sign-in-form.tsx';
import { useSession } from './session/use-session.ts';

/** Signed out → sign-in; signed in → who am I, then the Customer tab for the host page's context. */
export function SidebarShell() {
  const { session, api, save, signOut } = useSession();
  const context = useHostContext();
  return (
    <div className="sidebar">
      <header className="topbar">
        <span className="brand">CSCX</span>
        {context && <span className="muted small context-title">{contextTitle(context)}</span>}
      </header>
      <main>
        {!session ? (
          <PanelSkeleton />
        ) : api ? (
          <SignedIn api={api} session={session} context={context} onSignOut={signOut} />
        ) : (
          <SignInForm session={session} onSignedIn={save} />
        )}
      </main>
    </div>
  );
}

interface SignedInProps {
  api: ApiClient;
  session: Session;
  context: HostContext | null;
  onSignOut: () => Promise<void>;
}

function SignedIn({ api, session, context, onSignOut }: SignedInProps) {
  const { openSettings } = useServices();
  const me = useQuery({
    queryKey: ['auth.me', session.backendUrl, session.token],
    queryFn: () => api.auth.me.query(),
  });
  const failure = me.error ? classifyApiError(me.error) : null;
  const expire = useCallback(() => void onSignOut(), [onSignOut]);
  useEffect(() => {
    if (failure === 'unauthorized') expire();
  }, [failure, expire]);
  if (failure === 'unauthorized') return <PanelSkeleton />;
  if (failure === 'unreachable')
    return <BackendUnreachable backendUrl={session.backendUrl} onRetry={() => void me.refetch()} />;
  if (me.error)
    return (
      <Notice title="Something went wrong" tone="warning">
        <p>{errorMessage(me.error)}</p>
      </Notice>
    );
  if (!me.data) return <PanelSkeleton />;
  const signOut = async () => {
    await api.auth.logout.mutate().catch(() => undefined);
    await onSignOut();
  };
  return (
    <>
      <div className="account-bar">
        <span className="small" title={me.data.org.name}>
          {me.data.user.email}
        </span>
        <button type="button" className="link" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
      {me.data.user.mustChangePassword ? (
        <Notice title="Change your password first" tone="warning">
          <p>
            Your administrator gave you a one-time password. Change it in CSCX's settings, then come back.
          </p>
          <button type="button" className="primary" onClick={openSettings}>
            Open settings
          </button>
        </Notice>
      ) : context ? (
        <CustomerTab
          key={JSON.stringify(context)}
          api={api}
          context={context}
          backendUrl={session.backendUrl}
          orgDomains={me.data.org.domains}
          onUnauthorized={expire}
        />
      ) : (
        <Notice title="Nothing open">
          <p>
            Open a Gmail thread, a Google Calendar event or a Zoom meeting or recording to see its customer
            here.
          </p>
        </Notice>
      )}
    </>
  );
}
