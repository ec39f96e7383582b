import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { contextTitle, type GmailThreadContext, type HostContext } from '../../shared/host-context.ts';
import type { ApiClient } from '../lib/api-client.ts';
import type { Session } from '../lib/session-store.ts';
import { classifyApiError, errorMessage } from './connection/api-error.ts';
import { BackendUnreachable } from './connection/backend-unreachable.tsx';
import { draftTabId } from './draft/tab.tsx';
import { useRecordSentDrafts } from './draft/use-record-sent.ts';
import { useHostContext } from './host-context/use-host-context.ts';
import { useDraftRequest, useThreadBehind } from './host-context/use-page-asks.ts';
import { Notice } from './layout/notice.tsx';
import { PanelSkeleton } from './layout/skeleton.tsx';
import { useServices } from './services.tsx';
import { SignInForm } from './session/sign-in-form.tsx';
import { useBrowserTimeZone } from './session/use-browser-time-zone.ts';
import { useSession } from './session/use-session.ts';
import { sidebarTabs } from './tabs/registry.ts';
import type { DraftRequest, TabFocus } from './tabs/sidebar-tab.ts';
import { TabContainer } from './tabs/tab-container.tsx';

/** Signed out → sign-in; signed in → who am I, then the tabs for the host page's context. */
export function SidebarShell() {
  const { session, api, save, signOut } = useSession();
  const { hideSidebar } = useServices();
  const context = useHostContext();
  const thread = useThreadBehind(context);
  const draftRequest = useDraftRequest();
  return (
    <div className="sidebar">
      <header className="topbar">
        <span className="brand">CSCX</span>
        {context && <span className="muted small context-title">{contextTitle(context)}</span>}
        {hideSidebar && (
          <button
            type="button"
            className="hide-sidebar"
            onClick={hideSidebar}
            aria-label="Hide the sidebar"
            title="Hide the sidebar"
          >
            Hide
          </button>
        )}
      </header>
      <main>
        {!session ? (
          <PanelSkeleton />
        ) : api ? (
          <SignedIn
            api={api}
            session={session}
            page={{ context, thread, draftRequest }}
            onSignOut={signOut}
          />
        ) : (
          <SignInForm session={session} onSignedIn={save} />
        )}
      </main>
    </div>
  );
}

/** What the host page shows and asks for. */
interface PageState {
  context: HostContext | null;
  thread: GmailThreadContext | null;
  draftRequest: DraftRequest | null;
}

interface SignedInProps {
  api: ApiClient;
  session: Session;
  page: PageState;
  onSignOut: () => Promise<void>;
}

function SignedIn({ api, session, page, onSignOut }: SignedInProps) {
  const { openSettings, host, lastTab } = useServices();
  useRecordSentDrafts(api);
  const me = useQuery({
    queryKey: ['auth.me', session.backendUrl, session.token],
    queryFn: () => api.auth.me.query(),
  });
  useBrowserTimeZone(api, me.data?.user);
  const failure = me.error ? classifyApiError(me.error) : null;
  const expire = useCallback(() => void onSignOut(), [onSignOut]);
  const tabs = useMemo(() => sidebarTabs.filter((t) => !t.hosts || (host && t.hosts.includes(host))), [host]);
  const { draftRequest } = page;
  const draftReveal = useMemo(
    () => (draftRequest ? { tabId: draftTabId, seq: draftRequest.seq } : null),
    [draftRequest],
  );
  // A focus belongs to the page it was asked on: another event or thread starts without it.
  const pageKey = JSON.stringify(page.context);
  const [asked, setAsked] = useState<{ focus: TabFocus; pageKey: string; after: typeof draftReveal } | null>(
    null,
  );
  const focus = asked?.pageKey === pageKey ? asked.focus : null;
  const openTab = useCallback(
    (wanted: Omit<TabFocus, 'seq'>) =>
      setAsked({ focus: { ...wanted, seq: performance.now() }, pageKey, after: draftReveal }),
    [pageKey, draftReveal],
  );
  // The later ask wins: a focus asked since the page's last draft request, else that request.
  const reveal = useMemo(
    () =>
      asked && asked.after === draftReveal ? { tabId: asked.focus.tabId, seq: asked.focus.seq } : draftReveal,
    [asked, draftReveal],
  );
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
      ) : (
        <TabContainer
          tabs={tabs}
          lastTab={lastTab}
          reveal={reveal}
          panelProps={{
            api,
            ...page,
            host,
            backendUrl: session.backendUrl,
            me: me.data,
            onUnauthorized: expire,
            focus,
            openTab,
          }}
        />
      )}
    </>
  );
}
