import { PanelSkeleton } from '../sidebar/layout/skeleton.tsx';
import { SignInForm } from '../sidebar/session/sign-in-form.tsx';
import { useSession } from '../sidebar/session/use-session.ts';
import { AcceptInvite } from './accept-invite.tsx';
import type { SettingsPlatform } from './platform.ts';
import { goToSettings, useHashRoute } from './route.ts';
import { SignedInSettings } from './signed-in.tsx';

/** Accept-invite link → set a password; signed out → sign in; signed in → the sections the role allows. */
export function SettingsShell({ kind }: { kind: SettingsPlatform['kind'] }) {
  const route = useHashRoute();
  const { session, api, save, signOut } = useSession();
  return (
    <div className="settings">
      <header className="topbar">
        <span className="brand">CSCX</span>
        <span className="muted small">Settings</span>
      </header>
      <main className="settings-main">
        {!session ? (
          <PanelSkeleton />
        ) : route.name === 'accept-invite' ? (
          <AcceptInvite
            token={route.token}
            session={session}
            onAccepted={async (next) => {
              await save(next);
              goToSettings();
            }}
          />
        ) : api ? (
          <SignedInSettings
            api={api}
            session={session}
            kind={kind}
            sectionPath={route.path}
            onSignOut={signOut}
          />
        ) : (
          <div className="settings-narrow">
            <SignInForm session={session} onSignedIn={save} chooseBackend={kind === 'extension'} />
          </div>
        )}
      </main>
    </div>
  );
}
