import { render } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { z } from 'zod';
import { createApiClient } from '../../../extension/lib/api-client.ts';
import type { Session, SessionStore } from '../../../extension/lib/session-store.ts';
import { SettingsApp } from '../../../extension/settings/app.tsx';
import type { SettingsPlatform } from '../../../extension/settings/platform.ts';
import type { MemberOutput, tokenOutput, UserOutput } from '../../../shared/api/auth.ts';
import { type FakeBackend, fakeBackend, type Procedure } from './fake-backend.ts';
import { me } from './render-sidebar.tsx';
import { memorySessionStore, signedIn } from './sidebar-builders.ts';

let seq = 0;

afterEach(() => {
  window.location.hash = '';
});

/** A member as `users.list` lists them: signed in already unless made `pending`. */
export function aMember(overrides: Partial<MemberOutput> = {}): MemberOutput {
  seq += 1;
  return {
    ...me.user,
    id: `00000000-0000-4000-8000-${String(9000 + seq).padStart(12, '0')}`,
    email: `member${seq}@cscx.localhost`,
    name: `Member ${seq}`,
    role: 'csm',
    pending: false,
    invitedAt: null,
    invitationExpiresAt: null,
    ...overrides,
  };
}

/** A personal access token of the signed-in user's, as `tokens.list` lists it. */
export function aToken(overrides: Partial<z.infer<typeof tokenOutput>> = {}): z.infer<typeof tokenOutput> {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(7000 + seq).padStart(12, '0')}`,
    userId: me.user.id,
    kind: 'pat',
    name: `Script ${seq}`,
    prefix: 'cscx_pat_ab12',
    createdAt: '2026-04-01T00:00:00.000Z',
    expiresAt: '2026-07-01T00:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** `auth.me` for a signed-in user with the given role (and anything else overridden). */
export function meAs(user: Partial<UserOutput> = {}) {
  const base: UserOutput = { ...me.user, role: 'csm' };
  return { ...me, user: { ...base, ...user } };
}

export interface SettingsSetup {
  session?: Session;
  kind?: SettingsPlatform['kind'];
  store?: SessionStore;
  procedures?: Record<string, Procedure>;
  /** The page's address when it opens, e.g. `#/members`; the current one when not given. */
  at?: string;
}

/** The whole settings app with the real tRPC client talking to a fake backend. */
export function renderSettings({
  session = signedIn,
  kind = 'extension',
  store,
  procedures = {},
  at,
}: SettingsSetup = {}) {
  if (at !== undefined) window.location.hash = at;
  const backend: FakeBackend = fakeBackend({
    'auth.me': () => me,
    'users.list': () => [me.user],
    'tokens.list': () => [],
    'auth.describeInvite': () => ({ email: 'nia@cscx.localhost', orgName: 'Acme Success' }),
    ...procedures,
  });
  const urls: string[] = [];
  const memory = memorySessionStore(session);
  const view = render(
    <SettingsApp
      platform={{
        kind,
        session: store ?? memory,
        connectApi: (target) =>
          createApiClient(target, (resource, init) => {
            urls.push(String(resource));
            return backend.fetch(resource, init);
          }),
        requestBackendAccess: async () => true,
      }}
    />,
  );
  return { ...view, backend, store: memory, urls };
}

export function callsTo(backend: FakeBackend, path: string) {
  return backend.calls.filter((c) => c.path === path);
}
